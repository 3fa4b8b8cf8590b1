// libFuzzer target: untrusted patch documents through parse_document and, when they parse, through
// resolve against a small base tree and the review diff. Must never crash, hang or leak; a refusal
// must always carry a message.
#include "patch/engine.hpp"
#include "patch/memory_base.hpp"
#include "patch/unified_diff.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace oneshot::patch;

namespace {

const MemoryBaseFiles& base()
{
    static const MemoryBaseFiles files = [] {
        MemoryBaseFiles b;
        b.add("src/main.c", "int main(void)\n{\n  return 0;\n}\n");
        b.add("src/util.py", "def f():\n    return 1\n\n\ndef g():\n    return 1\n");
        b.add("win.txt", "a\r\nb\r\n");
        b.add("bom.txt", "\xEF\xBB\xBFx\ny");
        b.add("run.sh", "#!/bin/sh\n", EntryKind::executable);
        b.add("link", "src", EntryKind::symlink);
        b.add("vendor/sub", "0000", EntryKind::submodule);
        b.add("blob.bin", std::string("\0\1\2", 3));
        return b;
    }();
    return files;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto document = parse_document(text);
    if (!document) {
        if (document.error().message.empty())
            std::abort();
        return 0;
    }
    auto resolved = resolve(*document, base());
    if (!resolved) {
        if (resolved.error().message.empty())
            std::abort();
        return 0;
    }
    for (const FileOp& op : resolved->ops)
        if (op.path.empty() || op.path.front() == '/' || op.path.find("..") != std::string::npos)
            std::abort();   // confinement broken
    if (auto files = file_diffs(*resolved, base()))
        (void)unified_diff(*files);
    return 0;
}
