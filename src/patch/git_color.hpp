// Colours for diffs as git configures them: the default slots of `git diff`, and git's colour
// value syntax ("bold red", "#ff8800 ul", "blue black") turned into ANSI escape sequences, so that
// the CLI can honour color.diff.<slot> from git config. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace oneshot::patch {

struct DiffColors {
    std::string meta = "\033[1m";      // color.diff.meta: diff --git, index, ---, +++, mode lines
    std::string frag = "\033[36m";     // color.diff.frag: @@ hunk headers
    std::string old_line = "\033[31m"; // color.diff.old
    std::string new_line = "\033[32m"; // color.diff.new
    std::string context;               // color.diff.context (plain by default)
    std::string reset = "\033[m";
};

// A git colour value as an ANSI sequence; "" for "normal"/"plain" with no attribute; nullopt when
// git would reject the value.
std::optional<std::string> parse_git_color(std::string_view value);

} // namespace oneshot::patch
