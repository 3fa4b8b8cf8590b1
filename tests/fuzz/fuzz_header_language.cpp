// libFuzzer target: the evidence readers for a header's language on arbitrary bytes (input split
// at the first NUL: a .gitattributes text, then a file's content) and the C and Python lexical scans.
// Checks what must hold whatever the input: the decision is one of the known answers, and every
// lexical defect points inside the text.
#include "context/header_language.hpp"
#include "patch/lexical_defects.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace oneshot;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t nul = input.find('\0');
    const std::string_view attributes = nul == std::string_view::npos ? std::string_view() : input.substr(0, nul);
    const std::string_view content = nul == std::string_view::npos ? input : input.substr(nul + 1);
    context::LanguageEvidence evidence;
    context::add_gitattributes(evidence, "", attributes);
    context::note_source_path(evidence, "a.cc");
    for (std::string_view path : {"include/a.h", "x/y.inc", "include/vector"}) {
        const auto decided = context::header_grammar(path, content, evidence);
        if (decided && decided->size() > 10) std::abort();
    }
    std::size_t lines = 1;
    for (char c : content) lines += c == '\n';
    for (const auto& defects : {patch::lexical_defects(content), patch::python_line_defects(content)}) {
        for (const patch::LexicalDefect& d : defects) {
            if (d.line == 0 || d.line > lines || d.column == 0 || d.what.empty()) std::abort();
        }
    }
    return 0;
}
