// Finding where one search/replace edit applies in a file's text, and applying it.
//
// The ladder, strictest first; a tier is used only when the quote identifies exactly one place:
//   exact               the quote's bytes, starting at a line start (replaced literally)
//   line_endings        whole lines, a CRLF file quoted with LF (or the reverse)
//   trailing_whitespace whole lines, trailing blanks ignored
//   indentation         whole lines, the quote uniformly shifted and/or tabs written as spaces (or a
//                       file that mixes tabs and spaces quoted in one style, columns still agreeing);
//                       the replacement is re-indented per line under the same mapping (IndentMap):
//                       a line it cannot map without guessing refuses the edit
//   blank_lines         as indentation, and blank lines added or dropped between quoted lines
//   within_line         a one-line quote without line break that is part of a line ("return 1;"
//                       in "int f() { return 1; }"): exact bytes, starting and ending at token
//                       boundaries, and found nowhere else; tried last, when no whole line matches
// Past the exact tier, every place whose non-blank lines equal the quote's once all whitespace at
// line ends is ignored and blank lines are skipped is a candidate; two or more candidates refuse the
// edit as ambiguous, whatever tier each would need. Non-whitespace content never differs.
#pragma once

#include "patch/document.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace oneshot::patch {

enum class MatchTier { exact, line_endings, trailing_whitespace, indentation, blank_lines, within_line };
std::string_view tier_name(MatchTier tier);

struct EditMatch {
    bool ok = false;
    // ok: the whole text after the edit, the tier used and the 1-based line where the quote began.
    std::string text;
    MatchTier tier = MatchTier::exact;
    std::size_t line = 0;
    // !ok: why, and for an ambiguous quote every candidate's first line (1-based).
    enum class Failure { none, blank_search, not_found, ambiguous, indentation } failure = Failure::none;
    std::vector<std::size_t> candidate_lines;
    std::string reason;   // one sentence for the error message
};

// `text` is a file's content without a byte order mark. Pure: no I/O, no global state.
EditMatch apply_edit(std::string_view text, const Edit& edit);

} // namespace oneshot::patch
