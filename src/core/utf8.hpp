// Cutting text by a byte count without splitting a UTF-8 character: every truncation of text that
// ends up in a message, a report or a prompt goes through here, so a cut never manufactures invalid
// UTF-8 out of valid input (invalid input stays as it was; the JSON writer replaces it).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace oneshot {

// The longest prefix of `text` of at most `max_bytes` bytes that does not end inside a character.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

// The longest suffix of `text` of at most `max_bytes` bytes that does not begin inside a character.
std::string_view utf8_suffix(std::string_view text, std::size_t max_bytes);

// `utf8_prefix` plus `marker` (default "...") when something was cut.
std::string utf8_truncate(std::string_view text, std::size_t max_bytes, std::string_view marker = "...");

} // namespace oneshot
