// Facts about file text that the engine must keep intact: line boundaries, line-ending style, a
// UTF-8 byte order mark, binary content and UTF-8 validity. Pure functions over bytes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oneshot::patch {

inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// One line of a text: [begin, content_end) is the text without its line break, [content_end, end)
// the break itself ("\n", "\r\n", or empty for a last line without one).
struct LineSpan {
    std::size_t begin = 0;
    std::size_t content_end = 0;
    std::size_t end = 0;
};

// Lines split at '\n'; "\r\n" counts as one break. A text ending with a break has no empty last line.
std::vector<LineSpan> split_lines(std::string_view text);

// The lines' text without breaks, for quotes and replacements (CRLF and LF both count as breaks).
std::vector<std::string_view> split_plain_lines(std::string_view text);

inline std::string_view line_text(std::string_view text, const LineSpan& line)
{
    return text.substr(line.begin, line.content_end - line.begin);
}
inline std::string_view line_break(std::string_view text, const LineSpan& line)
{
    return text.substr(line.content_end, line.end - line.content_end);
}

bool is_blank(std::string_view line);                 // empty or only spaces, tabs, \r, \f, \v
std::string_view trim_trailing_ws(std::string_view s);
std::string_view trim_ws(std::string_view s);
std::string_view leading_ws(std::string_view s);      // the leading run of spaces and tabs

// "\r\n" when most of the text's line breaks are CRLF, else "\n" (also for a text without breaks).
std::string_view dominant_line_break(std::string_view text);

// Every bare "\n" of text becomes "\r\n" (existing "\r\n" are kept).
std::string lf_to_crlf(std::string_view text);
// Every "\r\n" of text becomes "\n".
std::string crlf_to_lf(std::string_view text);

// Byte offset of the first invalid UTF-8 sequence (overlong forms, surrogates and code points above
// U+10FFFF are invalid), or nullopt when the whole text is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// Binary as git judges it for diffs: a NUL byte (git looks at the first 8000 bytes; we look at all).
bool looks_binary(std::string_view bytes);

// Untrusted text for a one-line message: control bytes, '"' and '\\' shown as \xNN, cut after
// `max_bytes`, so that a hostile name cannot forge output lines or terminal escapes.
std::string printable(std::string_view raw, std::size_t max_bytes = 200);

} // namespace oneshot::patch
