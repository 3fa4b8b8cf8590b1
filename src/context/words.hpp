// Words for lexical ranking: identifiers split at camelCase and snake_case boundaries, lower-cased
// and lightly normalised, so "parseArgs", "parse_args" and "ARGS" meet on "parse" and "arg".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace oneshot::context {

// The parts of one identifier: "parseHTTPHeader2" -> {"parse", "http", "header2"}; normalised.
std::vector<std::string> split_identifier(std::string_view identifier);

// A term as it is indexed and queried: lower-case, a plural 's' dropped from longer words.
std::string normalize_term(std::string_view word);

// Calls `sink(term, whole)` for every term of a text: each identifier-like run of [A-Za-z0-9_]
// yields its parts (whole = false) and, when it has several parts, the joined identifier itself
// (whole = true), which is rarer and so more specific. Numbers alone are skipped.
template <class Sink>
void for_each_term(std::string_view text, Sink&& sink);

// A 32-bit FNV-1a hash: how terms and names are stored (a collision merely blurs a ranking).
std::uint32_t hash32(std::string_view text);

// Lower-cased identifier without '_' and '-': how names are compared across languages and styles
// ("debug_trace", "debugTrace", "--debug-trace" all give "debugtrace").
std::string fold_name(std::string_view name);

// hash32(fold_name(name)): the key of a symbol name in references and the symbol graph.
std::uint32_t name_key(std::string_view name);

// English and task-phrasing words that carry no signal for finding code ("the", "should", "fix").
bool is_stopword(std::string_view term);

// The terms of a task, stopwords removed, in order of appearance, with repeats.
std::vector<std::string> task_terms(std::string_view task);

} // namespace oneshot::context

#include "context/words_inl.hpp"
