// How a quote's indentation relates to the file's, learnt from the lines they share, and the same
// relation applied to the replacement so that it lands in the file's real indentation and style.
// Relations tried: a constant shift (the quote lost or gained a common prefix) after an optional
// tab/space conversion with tab width 4, 8 or 2 (the quote wrote tabs as spaces or back).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oneshot::patch {

struct Reindent {
    int tab_width = 0;          // 0: indentation taken as written; else re-rendered in file style
    bool file_uses_tabs = false;
    std::string add_prefix;     // file indentation = add_prefix + converted quote indentation
    std::string remove_prefix;  // or: converted quote indentation = remove_prefix + file indentation

    bool identity() const { return tab_width == 0 && add_prefix.empty() && remove_prefix.empty(); }

    // The file's indentation for a line the quote or replacement indents with `indentation`;
    // nullopt when the line sits left of a removed prefix (no faithful rendering exists).
    std::optional<std::string> apply(std::string_view indentation) const;
};

// The whitespace mapping of one match, applied per line: what each indentation the quote used
// stands for in the file. A replacement line is rendered, in order of preference,
//   1. (by the matcher) as the file line it keeps or rewrites one for one, when indented as the
//      quote has that line (or, in a mixed region, as the file has it: written in the file's style);
//   2. through the table of indentations the matched lines show, when that indentation always stood
//      for the same file indentation (a quote that wrote both "\t" and "    " as four spaces makes
//      "four spaces" mean two things: such a line is refused, never guessed);
//   3. through the uniform relation (shift and/or tab conversion) when one explains every matched line;
//   4. in a region that mixes tabs and spaces (no uniform relation), literally when it indents with
//      tabs the quote never used: the model wrote it in the file's own style.
// In a mixed region whose replacement is partly in the file's style (tabs the quote lacks), spaces
// are ambiguous (the file's own, or tabs written as spaces) and are rendered only where they map to
// themselves. So the replacement never lands in an indentation the match did not justify.
class IndentMap {
public:
    // pairs: (quoted line, file line) for every non-blank quoted line, both without line breaks;
    // replacement: the replacement's lines, to see whether they use tabs the quote does not.
    static IndentMap learn(const std::vector<std::pair<std::string_view, std::string_view>>& pairs,
                           const std::vector<std::string_view>& replacement = {});

    // Whether the quote's block structure is the file's: the lines' columns differ by one constant
    // at one tab width (tabs and spaces may be mixed on either side). Without it nothing is rendered.
    bool consistent() const { return uniform_.has_value() || columns_agree_; }
    // No uniform relation: the matched lines mix tabs and spaces in a way only columns explain.
    bool mixed() const { return !uniform_.has_value(); }
    // Step 2 alone: what the matched lines show this indentation stood for, if one thing.
    std::optional<std::string> known(std::string_view indentation) const;
    // Steps 2 to 4 for one indentation; nullopt when the match does not say what it stands for.
    std::optional<std::string> render(std::string_view indentation) const;

    // Set when the quote showed no indentation at all, in a file indented with tabs only: an
    // indentation that starts with spaces then has no known tab width and is not rendered.
    bool spaces_unknown = false;

private:
    std::map<std::string, std::optional<std::string>, std::less<>> table_;   // step 2; nullopt: stood for two
    std::optional<Reindent> uniform_;                                         // step 3
    bool columns_agree_ = false;
    bool quote_has_tabs_ = false;
    bool replacement_has_foreign_tabs_ = false;
};

// A file's indentation is tabs only: some line starts with a tab and none with two spaces (one space
// is a comment continuation, " * text").
bool indents_with_tabs_only(std::string_view text);

// pairs: (quoted line, file line) for every non-blank quoted line, both without line breaks.
// nullopt when no single relation explains every pair. A relation without shift is preferred.
std::optional<Reindent> infer_reindent(const std::vector<std::pair<std::string_view, std::string_view>>& pairs);

} // namespace oneshot::patch
