#include "context/code_tokens.hpp"

#include <cctype>

namespace oneshot::context {

namespace {

bool is_ident_char(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

std::size_t skip_directive(std::string_view text, std::size_t i)
{
    while (i < text.size() && !(text[i] == '\n' && text[i - 1] != '\\')) ++i;
    return i;
}

std::size_t skip_literal(std::string_view text, std::size_t i)
{
    const char quote = text[i];
    for (++i; i < text.size() && text[i] != quote && text[i] != '\n'; ++i) {
        if (text[i] == '\\') ++i;
    }
    return i + 1;
}

} // namespace

bool is_identifier_token(std::string_view token)
{
    return !token.empty() && (std::isalpha(static_cast<unsigned char>(token[0])) || token[0] == '_');
}

std::vector<std::string_view> code_tokens(std::string_view text, std::size_t max_tokens, bool skip_directives)
{
    std::vector<std::string_view> tokens;
    bool line_start = true;
    for (std::size_t i = 0; i < text.size() && tokens.size() < max_tokens;) {
        const char c = text[i];
        if (c == '\n') {
            line_start = true;
            ++i;
            continue;
        }
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        if (line_start && c == '#' && skip_directives) {
            i = skip_directive(text, i);
            continue;
        }
        line_start = false;
        if (text.compare(i, 2, "//") == 0) {
            while (i < text.size() && text[i] != '\n') ++i;
        } else if (text.compare(i, 2, "/*") == 0) {
            const auto end = text.find("*/", i + 2);
            i = end == std::string_view::npos ? text.size() : end + 2;
        } else if (c == '"' || c == '\'') {
            i = skip_literal(text, i);
        } else if (is_ident_char(c)) {
            const std::size_t start = i;
            const bool number = std::isdigit(static_cast<unsigned char>(c));
            while (i < text.size() && (is_ident_char(text[i]) || (number && text[i] == '\''))) ++i;
            tokens.push_back(text.substr(start, i - start));
        } else if (text.compare(i, 2, "::") == 0) {
            tokens.push_back(text.substr(i, 2));
            i += 2;
        } else {
            tokens.push_back(text.substr(i, 1));
            ++i;
        }
    }
    return tokens;
}

} // namespace oneshot::context
