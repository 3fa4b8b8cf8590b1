#include "patch/reindent.hpp"

#include "patch/text.hpp"

#include <array>

namespace oneshot::patch {

namespace {

std::string convert(std::string_view indentation, int tab_width, bool file_uses_tabs)
{
    if (tab_width == 0)
        return std::string(indentation);
    std::size_t column = 0;
    for (char c : indentation)
        column = (c == '\t') ? (column / tab_width + 1) * tab_width : column + 1;
    if (!file_uses_tabs)
        return std::string(column, ' ');
    return std::string(column / tab_width, '\t') + std::string(column % tab_width, ' ');
}

} // namespace

std::optional<std::string> Reindent::apply(std::string_view indentation) const
{
    std::string converted = convert(indentation, tab_width, file_uses_tabs);
    if (!remove_prefix.empty()) {
        if (!std::string_view(converted).starts_with(remove_prefix))
            return std::nullopt;
        return converted.substr(remove_prefix.size());
    }
    return add_prefix + converted;
}

std::optional<Reindent> infer_reindent(const std::vector<std::pair<std::string_view, std::string_view>>& pairs)
{
    if (pairs.empty())
        return Reindent{};
    bool file_uses_tabs = false;
    for (const auto& [quoted, actual] : pairs)
        file_uses_tabs = file_uses_tabs || leading_ws(actual).find('\t') != std::string_view::npos;

    std::optional<Reindent> shifted;
    for (int tab_width : std::array{0, 4, 8, 2}) {
        const std::string first_quoted = convert(leading_ws(pairs.front().first), tab_width, file_uses_tabs);
        const std::string_view first_actual = leading_ws(pairs.front().second);
        Reindent candidate{tab_width, file_uses_tabs, {}, {}};
        if (first_actual.ends_with(first_quoted))
            candidate.add_prefix = std::string(first_actual.substr(0, first_actual.size() - first_quoted.size()));
        else if (std::string_view(first_quoted).ends_with(first_actual))
            candidate.remove_prefix = first_quoted.substr(0, first_quoted.size() - first_actual.size());
        else
            continue;
        bool consistent = true;
        for (const auto& [quoted, actual] : pairs) {
            const auto rendered = candidate.apply(leading_ws(quoted));
            if (!rendered || *rendered != leading_ws(actual)) {
                consistent = false;
                break;
            }
        }
        if (!consistent)
            continue;
        if (candidate.add_prefix.empty() && candidate.remove_prefix.empty())
            return candidate;
        if (!shifted)
            shifted = candidate;
    }
    return shifted;
}

} // namespace oneshot::patch
