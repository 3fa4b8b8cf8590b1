#include "context/query_predicates.hpp"

#include <algorithm>

namespace oneshot::context {

namespace {

std::string_view string_value(const TSQuery* query, std::uint32_t id)
{
    std::uint32_t length = 0;
    const char* text = ts_query_string_value_for_id(query, id, &length);
    return {text, length};
}

std::uint32_t name_capture(const TSQuery* query)
{
    const std::uint32_t count = ts_query_capture_count(query);
    for (std::uint32_t i = 0; i < count; ++i) {
        std::uint32_t length = 0;
        const char* name = ts_query_capture_name_for_id(query, i, &length);
        if (std::string_view(name, length) == "name") return i;
    }
    return UINT32_MAX;
}

std::regex make_regex(std::string_view pattern)
{
    try {
        return std::regex(pattern.begin(), pattern.end(), std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error&) {
        return std::regex("$^");   // a pattern we cannot read matches nothing
    }
}

void add_predicate(const TSQuery* query, std::uint32_t name_id, const std::vector<TSQueryPredicateStep>& steps,
                   PatternPredicates& out)
{
    if (steps.empty() || steps[0].type != TSQueryPredicateStepTypeString) return;
    const std::string_view op = string_value(query, steps[0].value_id);
    auto is_capture = [&](std::size_t i) { return i < steps.size() && steps[i].type == TSQueryPredicateStepTypeCapture; };
    auto is_string = [&](std::size_t i) { return i < steps.size() && steps[i].type == TSQueryPredicateStepTypeString; };

    if (op == "eq?" || op == "not-eq?") {
        if (!is_capture(1)) return;
        TextPredicate p;
        p.op = op == "eq?" ? TextPredicate::Op::eq : TextPredicate::Op::not_eq_;
        p.capture = steps[1].value_id;
        if (is_capture(2)) {
            p.other_is_capture = true;
            p.other_capture = steps[2].value_id;
        } else if (is_string(2)) {
            p.strings.emplace_back(string_value(query, steps[2].value_id));
        } else {
            return;
        }
        out.filters.push_back(std::move(p));
    } else if (op == "match?" || op == "not-match?") {
        if (!is_capture(1) || !is_string(2)) return;
        TextPredicate p;
        p.op = op == "match?" ? TextPredicate::Op::match : TextPredicate::Op::not_match;
        p.capture = steps[1].value_id;
        p.regex = make_regex(string_value(query, steps[2].value_id));
        out.filters.push_back(std::move(p));
    } else if (op == "any-of?" || op == "not-any-of?") {
        if (!is_capture(1)) return;
        TextPredicate p;
        p.op = op == "any-of?" ? TextPredicate::Op::any_of : TextPredicate::Op::not_any_of;
        p.capture = steps[1].value_id;
        for (std::size_t i = 2; is_string(i); ++i) p.strings.emplace_back(string_value(query, steps[i].value_id));
        out.filters.push_back(std::move(p));
    } else if (op == "is-not?") {
        // (#is-not? local): the tag's @name must not be a locally bound variable.
        if (!is_string(1) || string_value(query, steps[1].value_id) != "local" || name_id == UINT32_MAX) return;
        TextPredicate p;
        p.op = TextPredicate::Op::is_not_local;
        p.capture = name_id;
        out.filters.push_back(std::move(p));
    } else if (op == "strip!") {
        if (!is_capture(1) || !is_string(2)) return;
        out.doc.strip = make_regex(string_value(query, steps[2].value_id));
        out.doc.has_strip = true;
    } else if (op == "select-adjacent!" || op == "set-adjacent!") {
        out.doc.select_adjacent = true;
    }
}

} // namespace

std::vector<PatternPredicates> compile_predicates(const TSQuery* query)
{
    const std::uint32_t patterns = ts_query_pattern_count(query);
    const std::uint32_t name_id = name_capture(query);
    std::vector<PatternPredicates> out(patterns);
    for (std::uint32_t pattern = 0; pattern < patterns; ++pattern) {
        std::uint32_t count = 0;
        const TSQueryPredicateStep* steps = ts_query_predicates_for_pattern(query, pattern, &count);
        std::vector<TSQueryPredicateStep> current;
        for (std::uint32_t i = 0; i < count; ++i) {
            if (steps[i].type == TSQueryPredicateStepTypeDone) {
                add_predicate(query, name_id, current, out[pattern]);
                current.clear();
            } else {
                current.push_back(steps[i]);
            }
        }
    }
    return out;
}

std::string shape_doc(const DocDirective& directive, const std::vector<TSNode>& comments, TSNode definition,
                      std::string_view source)
{
    std::vector<TSNode> kept = comments;
    if (directive.select_adjacent) {
        // Keep the run of comments that ends on the line right above the definition.
        std::vector<TSNode> adjacent;
        std::uint32_t next_row = ts_node_start_point(definition).row;
        for (auto it = comments.rbegin(); it != comments.rend(); ++it) {
            const std::uint32_t end_row = ts_node_end_point(*it).row;
            if (end_row + 1 < next_row) break;
            adjacent.push_back(*it);
            next_row = ts_node_start_point(*it).row;
        }
        kept.assign(adjacent.rbegin(), adjacent.rend());
    }
    std::string doc;
    for (TSNode node : kept) {
        const std::string_view text = source.substr(ts_node_start_byte(node), ts_node_end_byte(node) - ts_node_start_byte(node));
        std::size_t start = 0;
        while (start <= text.size()) {
            std::size_t end = text.find('\n', start);
            if (end == std::string_view::npos) end = text.size();
            std::string line(text.substr(start, end - start));
            if (directive.has_strip) line = std::regex_replace(line, directive.strip, "");
            if (!line.empty()) {
                if (!doc.empty()) doc.push_back('\n');
                doc += line;
            }
            start = end + 1;
        }
    }
    return doc;
}

} // namespace oneshot::context
