#include "core/utf8.hpp"

namespace oneshot {

namespace {

bool is_continuation(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// A UTF-8 character is at most 4 bytes: a lead byte and up to 3 continuation bytes. Stepping back
// over more than 3 would only happen in invalid input, which the cut need not repair.
constexpr std::size_t max_continuation_bytes = 3;

} // namespace

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes)
{
    if (text.size() <= max_bytes) return text;
    std::size_t cut = max_bytes;
    for (std::size_t step = 0; step < max_continuation_bytes && cut > 0 && is_continuation(text[cut]); ++step) --cut;
    if (is_continuation(text[cut])) cut = max_bytes;   // not a character boundary anyway: invalid input
    return text.substr(0, cut);
}

std::string_view utf8_suffix(std::string_view text, std::size_t max_bytes)
{
    if (text.size() <= max_bytes) return text;
    std::size_t start = text.size() - max_bytes;
    const std::size_t first = start;
    for (std::size_t step = 0; step < max_continuation_bytes && start < text.size() && is_continuation(text[start]); ++step) ++start;
    if (start < text.size() && is_continuation(text[start])) start = first;
    return text.substr(start);
}

std::string utf8_truncate(std::string_view text, std::size_t max_bytes, std::string_view marker)
{
    if (text.size() <= max_bytes) return std::string(text);
    std::string out(utf8_prefix(text, max_bytes));
    out += marker;
    return out;
}

} // namespace oneshot
