// How a quote's indentation relates to the file's, learnt from the lines they share, and the same
// relation applied to the replacement so that it lands in the file's real indentation and style.
// Relations tried: a constant shift (the quote lost or gained a common prefix) after an optional
// tab/space conversion with tab width 4, 8 or 2 (the quote wrote tabs as spaces or back).
#pragma once

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

// pairs: (quoted line, file line) for every non-blank quoted line, both without line breaks.
// nullopt when no single relation explains every pair. A relation without shift is preferred.
std::optional<Reindent> infer_reindent(const std::vector<std::pair<std::string_view, std::string_view>>& pairs);

} // namespace oneshot::patch
