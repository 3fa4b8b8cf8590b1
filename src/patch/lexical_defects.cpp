#include "patch/lexical_defects.hpp"

#include <array>
#include <cctype>

namespace oneshot::patch {

namespace {

struct Position {
    std::size_t line;
    std::size_t column;
};

class Scanner {
public:
    explicit Scanner(std::string_view text) : text_(text) {}

    std::vector<LexicalDefect> run()
    {
        bool line_start = true;
        while (i_ < text_.size()) {
            const char c = text_[i_];
            if (c == '\n') {
                line_start = true;
                advance();
                continue;
            }
            if (std::isspace(static_cast<unsigned char>(c))) {
                advance();
                continue;
            }
            if (line_start && c == '#') {
                skip_directive();
                continue;
            }
            line_start = false;
            step(c);
        }
        for (std::size_t k = 0; k < kOpen.size(); ++k) {
            for (const Position& at : open_[k]) defects_.push_back({at.line, at.column, "unclosed \"" + std::string(1, kOpen[k]) + "\""});
        }
        // No C or C++ file ends on an operator or a comma: it was cut short.
        if (std::string_view("=,+-*/%&|^<>?:.!~").find(last_) != std::string_view::npos && last_ != '\0')
            defects_.push_back({last_at_.line, last_at_.column, "file ends after \"" + std::string(1, last_) + "\""});
        return std::move(defects_);
    }

private:
    static constexpr std::array<char, 3> kOpen{'{', '(', '['};
    static constexpr std::array<char, 3> kClose{'}', ')', ']'};

    void step(char c)
    {
        if (text_.compare(i_, 2, "//") == 0) return skip_line_comment();
        if (text_.compare(i_, 2, "/*") == 0) return skip_block_comment();
        check_assignment(c);
        last_ = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '"' || c == '\'' ? 'a' : c;
        last_at_ = here();
        if (c == '"' && raw_string_prefix()) return skip_raw_string();
        if (c == '"' || c == '\'') return skip_quoted(c);
        if (std::isdigit(static_cast<unsigned char>(c))) return skip_number();
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') return skip_identifier();
        for (std::size_t k = 0; k < kOpen.size(); ++k) {
            if (c == kOpen[k]) open_[k].push_back(here());
            if (c == kClose[k]) {
                if (open_[k].empty()) defects_.push_back({line_, column_, "unmatched \"" + std::string(1, c) + "\""});
                else open_[k].pop_back();
            }
        }
        advance();
    }

    Position here() const { return {line_, column_}; }

    // "x = ;" or "f(a = )": an assignment or initializer with nothing after it. Not "operator=;"
    // (a using-declaration), not "[=]" (a lambda capture), not "==", "<=", "+=" and the like.
    void check_assignment(char c)
    {
        if (assignment_ && (c == ';' || c == ')'))
            defects_.push_back({assignment_at_.line, assignment_at_.column, "nothing after \"=\""});
        assignment_ = false;
        if (c != '=' || after_operator_keyword_) {
            after_operator_keyword_ = false;
            return;
        }
        const char before = i_ > 0 ? text_[i_ - 1] : ' ';
        const char after = i_ + 1 < text_.size() ? text_[i_ + 1] : ' ';
        if (std::string_view("=!<>+-*/%&|^").find(before) != std::string_view::npos || after == '=') return;
        assignment_ = true;
        assignment_at_ = here();
    }

    void advance()
    {
        if (text_[i_] == '\n') {
            ++line_;
            column_ = 1;
        } else {
            ++column_;
        }
        ++i_;
    }

    // A backslash ending the line (LF or CRLF) continues it; returns its length, 0 if none.
    std::size_t continuation() const
    {
        if (text_[i_] != '\\') return 0;
        if (text_.compare(i_ + 1, 1, "\n") == 0) return 2;
        return text_.compare(i_ + 1, 2, "\r\n") == 0 ? 3 : 0;
    }

    void skip_directive()
    {
        conditional(directive_name());
        // To the end of the line, with backslash continuations; comments inside may span lines.
        while (i_ < text_.size() && text_[i_] != '\n') {
            if (const std::size_t n = continuation()) {
                for (std::size_t k = 0; k < n; ++k) advance();
            } else if (text_.compare(i_, 2, "/*") == 0) {
                skip_block_comment();
            } else {
                advance();
            }
        }
    }

    std::string_view directive_name() const
    {
        std::size_t k = i_ + 1;
        while (k < text_.size() && (text_[k] == ' ' || text_[k] == '\t')) ++k;
        const std::size_t start = k;
        while (k < text_.size() && std::isalpha(static_cast<unsigned char>(text_[k]))) ++k;
        return text_.substr(start, k - start);
    }

    // Each branch of #if/#elif/#else starts from the brackets open before the #if (both branches
    // may open the same block); after #endif the last branch's state holds.
    void conditional(std::string_view name)
    {
        if (name == "if" || name == "ifdef" || name == "ifndef") {
            saved_.push_back(open_);
        } else if ((name == "elif" || name == "else" || name == "elifdef" || name == "elifndef") && !saved_.empty()) {
            open_ = saved_.back();
        } else if (name == "endif" && !saved_.empty()) {
            saved_.pop_back();
        }
    }

    void skip_line_comment()
    {
        while (i_ < text_.size() && text_[i_] != '\n') advance();
    }

    void skip_block_comment()
    {
        const Position start = here();
        advance();
        advance();
        while (i_ < text_.size() && text_.compare(i_, 2, "*/") != 0) advance();
        if (i_ >= text_.size()) {
            defects_.push_back({start.line, start.column, "unterminated comment"});
            return;
        }
        advance();
        advance();
    }

    // A string or character literal ends on its line; a backslash escapes the next byte (a
    // backslash-newline continues it).
    void skip_quoted(char quote)
    {
        const Position start = here();
        advance();
        while (i_ < text_.size() && text_[i_] != quote && text_[i_] != '\n') {
            if (const std::size_t n = continuation()) {   // a literal continued on the next line
                for (std::size_t k = 0; k < n; ++k) advance();
                continue;
            }
            if (text_[i_] == '\\' && i_ + 1 < text_.size()) advance();
            advance();
        }
        if (i_ >= text_.size() || text_[i_] == '\n') {
            defects_.push_back({start.line, start.column, quote == '"' ? "unterminated string" : "unterminated character literal"});
            return;
        }
        advance();
    }

    // R"delim( ... )delim", with an optional u8/u/U/L before the R.
    bool raw_string_prefix() const
    {
        if (i_ == 0 || text_[i_ - 1] != 'R') return false;
        std::size_t start = i_ - 1;
        while (start > 0 && (text_[start - 1] == 'u' || text_[start - 1] == 'U' || text_[start - 1] == 'L' || text_[start - 1] == '8')) --start;
        return start == 0 || !(std::isalnum(static_cast<unsigned char>(text_[start - 1])) || text_[start - 1] == '_');
    }

    void skip_raw_string()
    {
        const Position start = here();
        const auto paren = text_.find('(', i_);
        if (paren == std::string_view::npos || paren - i_ > 17) {   // the delimiter is at most 16 characters
            defects_.push_back({start.line, start.column, "unterminated string"});
            i_ = text_.size();
            return;
        }
        const std::string close = ")" + std::string(text_.substr(i_ + 1, paren - i_ - 1)) + "\"";
        const auto end = text_.find(close, paren);
        if (end == std::string_view::npos) {
            defects_.push_back({start.line, start.column, "unterminated string"});
            i_ = text_.size();
            return;
        }
        while (i_ < end + close.size()) advance();
    }

    // A number may hold digit separators (1'000) and exponent signs (1e-5, 0x1p+3).
    void skip_number()
    {
        while (i_ < text_.size()) {
            const char c = text_[i_];
            const bool sign = (c == '+' || c == '-') && (text_[i_ - 1] == 'e' || text_[i_ - 1] == 'E' || text_[i_ - 1] == 'p' || text_[i_ - 1] == 'P');
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '\'' || sign)) break;
            advance();
        }
    }

    void skip_identifier()
    {
        const std::size_t start = i_;
        while (i_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[i_])) || text_[i_] == '_')) advance();
        after_operator_keyword_ = text_.substr(start, i_ - start) == "operator";
    }

    std::string_view text_;
    std::size_t i_ = 0;
    std::size_t line_ = 1;
    std::size_t column_ = 1;
    std::array<std::vector<Position>, 3> open_;
    std::vector<std::array<std::vector<Position>, 3>> saved_;   // open_ at each enclosing #if
    char last_ = '\0';                      // the last significant token: punctuation, or 'a' for a word or literal
    Position last_at_{0, 0};
    bool assignment_ = false;               // the last token was a lone "="
    Position assignment_at_{0, 0};
    bool after_operator_keyword_ = false;   // the last token was "operator"
    std::vector<LexicalDefect> defects_;
};

} // namespace

std::vector<LexicalDefect> lexical_defects(std::string_view text)
{
    return Scanner(text).run();
}

} // namespace oneshot::patch

namespace oneshot::patch {

namespace {

// Skips a Python string starting at i (a quote), triple-quoted or not; returns the index after it.
std::size_t skip_python_string(std::string_view text, std::size_t i)
{
    const char quote = text[i];
    const bool triple = text.compare(i, 3, std::string(3, quote)) == 0;
    const std::string_view close = triple ? text.substr(i, 3) : text.substr(i, 1);
    for (i += close.size(); i < text.size(); ++i) {
        if (text[i] == '\\') {
            ++i;
            continue;
        }
        if (!triple && text[i] == '\n') return i;   // unterminated: the parser reports it
        if (text.compare(i, close.size(), close) == 0) return i + close.size();
    }
    return text.size();
}

} // namespace

std::vector<LexicalDefect> python_line_defects(std::string_view text)
{
    std::vector<LexicalDefect> defects;
    int depth = 0;
    char last = '\0';   // the last significant character of the logical line so far
    std::size_t line = 1, last_line = 1, last_column = 1, line_start = 0;
    const auto end_of_line = [&] {
        if (depth == 0 && last != '\0' && std::string_view("=+-/%&|^<>.").find(last) != std::string_view::npos)
            defects.push_back({last_line, last_column, std::string("line ends after \"") + last + "\""});
        if (depth == 0) last = '\0';
    };
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == '\n') {
            end_of_line();
            ++line;
            line_start = ++i;
            continue;
        }
        if (c == '#') {
            while (i < text.size() && text[i] != '\n') ++i;
            continue;
        }
        if (c == '\\' && i + 1 < text.size() && text[i + 1] == '\n') {   // an explicit continuation
            last = '\0';
            i += 2;
            ++line;
            line_start = i;
            continue;
        }
        if (c == '"' || c == '\'') {
            const std::size_t end = skip_python_string(text, i);
            for (std::size_t k = i; k < end; ++k) {
                if (text[k] == '\n') {
                    ++line;
                    line_start = k + 1;
                }
            }
            last = 'a';
            i = end;
            continue;
        }
        if (c == '(' || c == '[' || c == '{') ++depth;
        if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
        // "..." (Ellipsis, a stub's body) and "1." (a float) end an expression.
        const bool ellipsis = text.compare(i, 3, "...") == 0;
        if (c == '.' && (ellipsis || (i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]))))) {
            last = 'a';
            i += ellipsis ? 3 : 1;
            continue;
        }
        if (!std::isspace(static_cast<unsigned char>(c))) {
            last = std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? 'a' : c;
            last_line = line;
            last_column = i - line_start + 1;
        }
        ++i;
    }
    end_of_line();
    return defects;
}

} // namespace oneshot::patch
