#include "cli/color_mode.hpp"

#include <algorithm>
#include <cctype>

namespace oneshot::cli {

bool use_color(bool is_terminal, const std::optional<std::string>& color_ui, const std::optional<std::string>& no_color,
               const std::optional<std::string>& term)
{
    std::string ui = color_ui.value_or("auto");
    std::transform(ui.begin(), ui.end(), ui.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    // An explicit setting of the user's wins over NO_COLOR, as no-color.org asks.
    if (ui == "always") return true;
    if (ui == "never" || ui == "false" || ui == "no" || ui == "off" || ui == "0") return false;
    if (no_color && !no_color->empty()) return false;
    return is_terminal && term.value_or("") != "dumb";
}

} // namespace oneshot::cli
