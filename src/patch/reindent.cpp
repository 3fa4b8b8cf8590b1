#include "patch/reindent.hpp"

#include "patch/text.hpp"

#include <array>

namespace oneshot::patch {

namespace {

// The column after `indentation`, tabs stopping at multiples of tab_width (> 0).
std::size_t column_of(std::string_view indentation, int tab_width)
{
    const auto width = static_cast<std::size_t>(tab_width);
    std::size_t column = 0;
    for (char c : indentation)
        column = (c == '\t') ? (column / width + 1) * width : column + 1;
    return column;
}

std::string convert(std::string_view indentation, int tab_width, bool file_uses_tabs)
{
    if (tab_width == 0)
        return std::string(indentation);
    const std::size_t column = column_of(indentation, tab_width);
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

IndentMap IndentMap::learn(const std::vector<std::pair<std::string_view, std::string_view>>& pairs,
                           const std::vector<std::string_view>& replacement)
{
    IndentMap map;
    for (const auto& [quoted, actual] : pairs) {
        auto [it, inserted] = map.table_.try_emplace(std::string(leading_ws(quoted)), std::string(leading_ws(actual)));
        if (!inserted && it->second && *it->second != leading_ws(actual))
            it->second.reset();
        map.quote_has_tabs_ = map.quote_has_tabs_ || leading_ws(quoted).find('\t') != std::string_view::npos;
    }
    for (std::string_view line : replacement)
        map.replacement_has_foreign_tabs_ = map.replacement_has_foreign_tabs_ || leading_ws(line).find('\t') != std::string_view::npos;
    map.replacement_has_foreign_tabs_ = map.replacement_has_foreign_tabs_ && !map.quote_has_tabs_;
    map.uniform_ = infer_reindent(pairs);
    for (int tab_width : std::array{4, 8, 2}) {
        std::optional<long> shift;
        bool agree = true;
        for (const auto& [quoted, actual] : pairs) {
            const long delta = static_cast<long>(column_of(leading_ws(actual), tab_width)) -
                               static_cast<long>(column_of(leading_ws(quoted), tab_width));
            agree = agree && (!shift || *shift == delta);
            shift = delta;
        }
        map.columns_agree_ = map.columns_agree_ || agree;
    }
    return map;
}

std::optional<std::string> IndentMap::known(std::string_view indentation) const
{
    auto seen = table_.find(indentation);
    return seen == table_.end() ? std::nullopt : seen->second;
}

std::optional<std::string> IndentMap::render(std::string_view indentation) const
{
    if (!consistent())
        return std::nullopt;
    if (auto seen = table_.find(indentation); seen != table_.end()) {
        if (!uniform_ && replacement_has_foreign_tabs_ && seen->second != indentation)
            return std::nullopt;
        return seen->second;
    }
    if (spaces_unknown && indentation.starts_with("  "))
        return std::nullopt;
    if (uniform_)
        return uniform_->apply(indentation);
    if (!quote_has_tabs_ && indentation.find('\t') != std::string_view::npos)
        return std::string(indentation);
    return std::nullopt;
}

bool indents_with_tabs_only(std::string_view text)
{
    bool tabs = false;
    for (std::size_t start = 0; start < text.size();) {
        if (text[start] == '\t')
            tabs = true;
        else if (text.substr(start, 2) == "  ")
            return false;
        const std::size_t end = text.find('\n', start);
        start = end == std::string_view::npos ? text.size() : end + 1;
    }
    return tabs;
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
