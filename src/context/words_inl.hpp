// Template part of words.hpp (kept apart so the header reads as an interface).
#pragma once

#include <cctype>

namespace oneshot::context {

namespace detail {
inline bool is_word_char(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}
std::string joined_identifier(std::string_view identifier);
} // namespace detail

template <class Sink>
void for_each_term(std::string_view text, Sink&& sink)
{
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        if (!detail::is_word_char(text[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < n && detail::is_word_char(text[j])) ++j;
        const std::string_view run = text.substr(i, j - i);
        i = j;
        if (run.size() > 64) continue;   // hashes, base64, minified noise
        const auto parts = split_identifier(run);
        for (const auto& part : parts) sink(part, false);
        if (parts.size() > 1) sink(detail::joined_identifier(run), true);
    }
}

} // namespace oneshot::context
