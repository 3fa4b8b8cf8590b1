// The predicates of a tags query, compiled once per pattern and evaluated on each match. The C
// library (0.20.7) parses predicates but evaluates none of them: #eq?, #match?, #any-of? and their
// negations filter matches; #is-not? local drops names bound locally (Ruby); #strip!,
// #select-adjacent! and #set-adjacent! shape the @doc text attached to a definition.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace oneshot::context {

struct TextPredicate {
    enum class Op { eq, not_eq_, match, not_match, any_of, not_any_of, is_not_local };
    Op op = Op::eq;
    std::uint32_t capture = 0;
    bool other_is_capture = false;
    std::uint32_t other_capture = 0;
    std::vector<std::string> strings;   // eq: one value; any-of: many
    std::regex regex;                   // match / not-match
};

struct DocDirective {
    bool select_adjacent = false;       // #select-adjacent! / #set-adjacent!: only the comments right above
    std::regex strip;                   // #strip!: removed from each doc line
    bool has_strip = false;
};

struct PatternPredicates {
    std::vector<TextPredicate> filters;
    DocDirective doc;
};

// One entry per pattern of the query. Unknown predicates are ignored (they cannot narrow a tag
// wrongly: at worst a tag is kept that upstream's own tooling would drop).
std::vector<PatternPredicates> compile_predicates(const TSQuery* query);

// Whether a match passes its pattern's filters. `text_of` returns a capture node's source text;
// `is_local` tells whether an identifier node is bound in its enclosing local scope.
template <class TextOf, class IsLocal>
bool passes(const PatternPredicates& predicates, const TSQueryMatch& match, TextOf&& text_of, IsLocal&& is_local)
{
    auto node_of = [&](std::uint32_t capture, TSNode* out) {
        for (std::uint16_t i = 0; i < match.capture_count; ++i) {
            if (match.captures[i].index == capture) {
                *out = match.captures[i].node;
                return true;
            }
        }
        return false;
    };
    for (const TextPredicate& p : predicates.filters) {
        TSNode node;
        if (!node_of(p.capture, &node)) continue;
        const std::string_view text = text_of(node);
        bool ok = true;
        switch (p.op) {
        case TextPredicate::Op::eq:
        case TextPredicate::Op::not_eq_: {
            bool equal = false;
            if (p.other_is_capture) {
                TSNode other;
                equal = node_of(p.other_capture, &other) && text_of(other) == text;
            } else {
                equal = !p.strings.empty() && text == p.strings.front();
            }
            ok = (p.op == TextPredicate::Op::eq) == equal;
            break;
        }
        case TextPredicate::Op::match:
        case TextPredicate::Op::not_match: {
            const bool found = std::regex_search(text.begin(), text.end(), p.regex);
            ok = (p.op == TextPredicate::Op::match) == found;
            break;
        }
        case TextPredicate::Op::any_of:
        case TextPredicate::Op::not_any_of: {
            bool found = false;
            for (const auto& s : p.strings) found = found || s == text;
            ok = (p.op == TextPredicate::Op::any_of) == found;
            break;
        }
        case TextPredicate::Op::is_not_local: ok = !is_local(node, text); break;
        }
        if (!ok) return false;
    }
    return true;
}

// The doc text of a definition: comment nodes (in order) filtered and stripped as directed.
std::string shape_doc(const DocDirective& directive, const std::vector<TSNode>& comments, TSNode definition,
                      std::string_view source);

} // namespace oneshot::context
