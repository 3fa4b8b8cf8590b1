#include "context/attribute_rules.hpp"

#include <fnmatch.h>

#include <algorithm>

namespace oneshot::context {

namespace {

// Limits on one segment of a pattern: fnmatch backtracks on stars, so a hostile line with many of
// them could take exponential time; no real pattern comes near these.
constexpr std::size_t kMaxSegmentBytes = 256;
constexpr std::size_t kMaxSegmentStars = 8;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// The pattern at the start of a line: up to white space, or a C-style quoted string.
// Returns false for an unterminated quote.
bool take_pattern(std::string_view& line, std::string& pattern)
{
    if (line.empty() || line.front() != '"') {
        std::size_t end = 0;
        while (end < line.size() && !is_space(line[end])) ++end;
        pattern.assign(line.substr(0, end));
        line.remove_prefix(end);
        return true;
    }
    for (std::size_t k = 1; k < line.size(); ++k) {
        if (line[k] == '"') {
            line.remove_prefix(k + 1);
            return true;
        }
        if (line[k] == '\\' && k + 1 < line.size()) ++k;
        pattern.push_back(line[k]);
    }
    return false;
}

// "linguist-vendored", "-linguist-vendored", "!linguist-vendored", "linguist-vendored=false".
std::optional<bool> attribute_state(std::string_view token, std::string_view name)
{
    bool negated = false;
    if (!token.empty() && (token.front() == '-' || token.front() == '!')) {
        negated = true;
        token.remove_prefix(1);
    }
    if (!token.starts_with(name)) return std::nullopt;
    token.remove_prefix(name.size());
    if (token.empty()) return !negated;
    if (token.front() != '=' || negated) return std::nullopt;
    return token.substr(1) != "false";
}

std::vector<std::string> split_segments(std::string_view pattern)
{
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= pattern.size()) {
        std::size_t end = pattern.find('/', start);
        if (end == std::string_view::npos) end = pattern.size();
        if (end > start) segments.emplace_back(pattern.substr(start, end - start));
        start = end + 1;
    }
    return segments;
}

bool segment_usable(const std::string& segment)
{
    return segment.size() <= kMaxSegmentBytes &&
           static_cast<std::size_t>(std::count(segment.begin(), segment.end(), '*')) <= kMaxSegmentStars;
}

bool glob(const std::string& pattern, const std::string& name) { return ::fnmatch(pattern.c_str(), name.c_str(), 0) == 0; }

// Anchored match of pattern segments against path segments; "**" spans zero or more of them,
// but a trailing "**" at least one (a/** is what is inside a, not a itself).
bool match_anchored(const std::vector<std::string>& pattern, const std::vector<std::string>& path)
{
    const std::size_t np = pattern.size();
    const std::size_t ns = path.size();
    // reach[j]: the first i pattern segments can match the first j path segments.
    std::vector<char> reach(ns + 1, 0);
    reach[0] = 1;
    for (std::size_t i = 0; i < np; ++i) {
        std::vector<char> next(ns + 1, 0);
        if (pattern[i] == "**") {
            const bool last = i + 1 == np;
            bool any = false;
            for (std::size_t j = 0; j <= ns; ++j) {
                if (any) next[j] = 1;
                if (reach[j]) {
                    any = true;
                    if (!last) next[j] = 1;
                }
            }
        } else {
            for (std::size_t j = 0; j < ns; ++j) {
                if (reach[j] && glob(pattern[i], path[j])) next[j + 1] = 1;
            }
        }
        reach = std::move(next);
    }
    return reach[ns] != 0;
}

} // namespace

std::vector<AttributeRule> parse_attribute_rules(std::string_view attributes_path, std::string_view text)
{
    const auto slash = attributes_path.rfind('/');
    const std::string base = slash == std::string_view::npos ? std::string() : std::string(attributes_path.substr(0, slash + 1));
    std::vector<AttributeRule> rules;
    while (!text.empty()) {
        const std::size_t eol = text.find('\n');
        std::string_view line = text.substr(0, eol);
        text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
        while (!line.empty() && is_space(line.front())) line.remove_prefix(1);
        if (line.empty() || line.front() == '#' || line.front() == '!' || line.starts_with("[attr]")) continue;
        std::string pattern;
        if (!take_pattern(line, pattern) || pattern.empty() || pattern.back() == '/') continue;
        AttributeRule rule;
        rule.base = base;
        while (!line.empty()) {
            while (!line.empty() && is_space(line.front())) line.remove_prefix(1);
            std::size_t end = 0;
            while (end < line.size() && !is_space(line[end])) ++end;
            const std::string_view token = line.substr(0, end);
            line.remove_prefix(end);
            if (auto v = attribute_state(token, "linguist-vendored")) rule.vendored = v;
            if (auto g = attribute_state(token, "linguist-generated")) rule.generated = g;
        }
        if (!rule.vendored && !rule.generated) continue;
        rule.anchored = pattern.find('/') != std::string::npos;
        rule.pattern = split_segments(pattern);
        if (rule.pattern.empty() || !std::all_of(rule.pattern.begin(), rule.pattern.end(), segment_usable)) continue;
        rules.push_back(std::move(rule));
    }
    return rules;
}

bool rule_matches(const AttributeRule& rule, std::string_view path)
{
    if (!path.starts_with(rule.base)) return false;
    const std::string_view rest = path.substr(rule.base.size());
    if (!rule.anchored) {
        const auto slash = rest.rfind('/');
        return glob(rule.pattern.front(), std::string(slash == std::string_view::npos ? rest : rest.substr(slash + 1)));
    }
    return match_anchored(rule.pattern, split_segments(rest));
}

AttributeVerdict attributes_of(const std::vector<AttributeRule>& rules, std::string_view path)
{
    AttributeVerdict verdict;
    // Walked backwards: the last matching line decides each attribute.
    for (auto it = rules.rbegin(); it != rules.rend(); ++it) {
        const bool wants_vendored = it->vendored && !verdict.vendored;
        const bool wants_generated = it->generated && !verdict.generated;
        if (!wants_vendored && !wants_generated) continue;
        if (!rule_matches(*it, path)) continue;
        if (wants_vendored) verdict.vendored = it->vendored;
        if (wants_generated) verdict.generated = it->generated;
        if (verdict.vendored && verdict.generated) break;
    }
    return verdict;
}

} // namespace oneshot::context
