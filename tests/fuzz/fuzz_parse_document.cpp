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

// Confinement is about components: "..u/x" is an ordinary file, "a/../x" is an escape.
bool escapes_repository(std::string_view path)
{
    if (path.empty() || path.front() == '/')
        return true;
    // No <ranges> here: clang-14 cannot compile libstdc++ 12's views::split.
    while (true) {
        const auto slash = path.find('/');
        const std::string_view component = path.substr(0, slash);
        if (component.empty() || component == "." || component == "..")
            return true;
        if (slash == std::string_view::npos)
            return false;
        path.remove_prefix(slash + 1);
    }
}

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
        if (escapes_repository(op.path))
            std::abort();
    if (auto files = file_diffs(*resolved, base()))
        (void)unified_diff(*files);
    return 0;
}
