// Whether to colour terminal output, the way git users expect: color.ui (always / never / auto,
// and git's true/false spellings) first, then NO_COLOR (https://no-color.org: any non-empty value
// turns automatic colour off), then auto: only on a terminal that is not TERM=dumb. Pure.
#pragma once

#include <optional>
#include <string>

namespace oneshot::cli {

bool use_color(bool is_terminal, const std::optional<std::string>& color_ui, const std::optional<std::string>& no_color,
               const std::optional<std::string>& term);

} // namespace oneshot::cli
