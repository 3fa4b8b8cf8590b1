// Template part of words.hpp (kept apart so the header reads as an interface).
#pragma once

#include <cctype>

namespace oneshot::context {

namespace detail {
// [A-Za-z0-9_] by table: std::isalnum is a call per byte of every file scanned (the program never
// sets a locale, so it meant exactly these ASCII characters).
// Per byte: kWord for [A-Za-z0-9_], plus kSplits for what can split a run into parts (upper case,
// '_') and kLetter for letters.
inline constexpr unsigned char kWord = 1, kSplits = 2, kLetter = 4;
struct WordCharTable {
    unsigned char is[256] = {};
    constexpr WordCharTable()
    {
        for (int c = 0; c < 256; ++c) {
            const bool lower = c >= 'a' && c <= 'z';
            const bool upper = c >= 'A' && c <= 'Z';
            if (lower || upper || (c >= '0' && c <= '9') || c == '_') is[c] |= kWord;
            if (upper || c == '_') is[c] |= kSplits;
            if (lower || upper) is[c] |= kLetter;
        }
    }
};
inline constexpr WordCharTable kWordChars{};
inline bool is_word_char(char c)
{
    return (kWordChars.is[static_cast<unsigned char>(c)] & kWord) != 0;
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

namespace detail {

inline std::uint32_t fnv(const char* data, std::size_t n)
{
    std::uint32_t h = 2166136261u;
    for (std::size_t i = 0; i < n; ++i) {
        h ^= static_cast<unsigned char>(data[i]);
        h *= 16777619u;
    }
    return h;
}

inline char lower_ascii(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

} // namespace detail

template <class Sink>
void for_each_term_hash(std::string_view text, Sink&& sink)
{
    char part[72];
    char joined[72];
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        if (!detail::is_word_char(text[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        unsigned char seen = 0;
        while (j < n) {
            const unsigned char k = detail::kWordChars.is[static_cast<unsigned char>(text[j])];
            if (!(k & detail::kWord)) break;
            seen |= k;
            ++j;
        }
        const std::string_view run = text.substr(i, j - i);
        i = j;
        if (run.size() > 64) continue;
        if (!(seen & detail::kSplits)) {
            // Lower case and digits only (most words): one part, already normalised, no joined
            // form; the same terms as the general path below, without copying.
            if (!(seen & detail::kLetter)) continue;   // a number
            std::size_t len = run.size();
            const char* p = run.data();
            if (len > 4 && p[len - 4] == 's' && p[len - 3] == 's' && p[len - 2] == 'e' && p[len - 1] == 's')
                len -= 2;
            else if (len > 3 && p[len - 1] == 's' && p[len - 2] != 's' && p[len - 2] != 'u' && p[len - 2] != 'i')
                len -= 1;
            if (len >= 2) sink(detail::fnv(p, len));
            continue;
        }
        std::size_t plen = 0;
        std::size_t jlen = 0;
        std::size_t parts = 0;
        bool digits_only = true;
        auto flush = [&] {
            if (plen == 0) return;
            if (!digits_only) {
                ++parts;
                std::size_t len = plen;
                if (len > 4 && part[len - 4] == 's' && part[len - 3] == 's' && part[len - 2] == 'e' && part[len - 1] == 's')
                    len -= 2;
                else if (len > 3 && part[len - 1] == 's' && part[len - 2] != 's' && part[len - 2] != 'u' && part[len - 2] != 'i')
                    len -= 1;
                if (len >= 2) sink(detail::fnv(part, len));
            }
            plen = 0;
            digits_only = true;
        };
        for (std::size_t k = 0; k < run.size(); ++k) {
            const char c = run[k];
            if (c == '_') {
                flush();
                continue;
            }
            joined[jlen++] = detail::lower_ascii(c);
            if (plen > 0) {
                const char prev = run[k - 1];
                const bool upper = c >= 'A' && c <= 'Z';
                const bool prev_lower = prev >= 'a' && prev <= 'z';
                const bool prev_digit = prev >= '0' && prev <= '9';
                const bool prev_upper = prev >= 'A' && prev <= 'Z';
                const bool next_lower = k + 1 < run.size() && run[k + 1] >= 'a' && run[k + 1] <= 'z';
                if ((upper && (prev_lower || prev_digit)) || (upper && prev_upper && next_lower)) flush();
            }
            part[plen++] = detail::lower_ascii(c);
            if (!(c >= '0' && c <= '9')) digits_only = false;
        }
        flush();
        if (parts > 1 && jlen >= 2) sink(detail::fnv(joined, jlen));
    }
}

} // namespace oneshot::context
