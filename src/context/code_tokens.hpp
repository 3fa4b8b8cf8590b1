// A rough C-family tokenizer, enough to look for constructs: identifiers and punctuation outside
// comments, string and character literals. Not a lexer for any one language: callers ask only
// questions whose answer a wrong guess at a literal's edge cannot flip.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace oneshot::context {

// Tokens in order, at most max_tokens; "::" is one token, every other punctuation byte its own.
// skip_directives: leave out preprocessor lines (with their continuations).
std::vector<std::string_view> code_tokens(std::string_view text, std::size_t max_tokens, bool skip_directives);

bool is_identifier_token(std::string_view token);

} // namespace oneshot::context
