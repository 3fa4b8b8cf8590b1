#include "patch/text.hpp"

#include "core/utf8.hpp"

#include <cstring>

namespace oneshot::patch {

std::vector<LineSpan> split_lines(std::string_view text)
{
    std::vector<LineSpan> lines;
    std::size_t begin = 0;
    while (begin < text.size()) {
        const std::size_t nl = text.find('\n', begin);
        if (nl == std::string_view::npos) {
            lines.push_back({begin, text.size(), text.size()});
            break;
        }
        const std::size_t content_end = (nl > begin && text[nl - 1] == '\r') ? nl - 1 : nl;
        lines.push_back({begin, content_end, nl + 1});
        begin = nl + 1;
    }
    return lines;
}

std::vector<std::string_view> split_plain_lines(std::string_view text)
{
    std::vector<std::string_view> out;
    for (const LineSpan& line : split_lines(text))
        out.push_back(line_text(text, line));
    return out;
}

namespace {
bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
} // namespace

bool is_blank(std::string_view line)
{
    for (char c : line)
        if (!is_ws(c))
            return false;
    return true;
}

std::string_view trim_trailing_ws(std::string_view s)
{
    std::size_t n = s.size();
    while (n > 0 && is_ws(s[n - 1]))
        --n;
    return s.substr(0, n);
}

std::string_view trim_ws(std::string_view s)
{
    s = trim_trailing_ws(s);
    std::size_t i = 0;
    while (i < s.size() && is_ws(s[i]))
        ++i;
    return s.substr(i);
}

std::string_view leading_ws(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
        ++i;
    return s.substr(0, i);
}

std::string_view dominant_line_break(std::string_view text)
{
    std::size_t crlf = 0, lf = 0;
    for (std::size_t i = text.find('\n'); i != std::string_view::npos; i = text.find('\n', i + 1))
        (i > 0 && text[i - 1] == '\r') ? ++crlf : ++lf;
    return crlf > lf ? "\r\n" : "\n";
}

std::string lf_to_crlf(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + text.size() / 32);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))
            out += '\r';
        out += text[i];
    }
    return out;
}

std::string crlf_to_lf(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
            continue;
        out += text[i];
    }
    return out;
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text)
{
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned min = 0;
        unsigned cp = 0;
        if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; cp = c & 0x07; }
        else return i;
        if (i + len > n)
            return i;
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return std::nullopt;
}

bool looks_binary(std::string_view bytes)
{
    return !bytes.empty() && std::memchr(bytes.data(), '\0', bytes.size()) != nullptr;
}

std::string printable(std::string_view raw, std::size_t max_bytes)
{
    std::string out;
    for (unsigned char c : utf8_prefix(raw, max_bytes)) {
        if (c < 0x20 || c == 0x7F || c == '"' || c == '\\') {
            static constexpr char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    if (raw.size() > max_bytes)
        out += "...";
    return out;
}

} // namespace oneshot::patch
