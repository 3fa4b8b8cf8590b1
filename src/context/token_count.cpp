#include "context/token_count.hpp"

namespace oneshot::context {

namespace {

enum class CharClass { letter, digit, space, newline, punct };

CharClass classify(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) return CharClass::letter;
    if (c >= '0' && c <= '9') return CharClass::digit;
    if (c == '\n' || c == '\r') return CharClass::newline;
    if (c == ' ' || c == '\t' || c == '\f' || c == '\v') return CharClass::space;
    return CharClass::punct;
}

// A run of letters: one token per camelCase part of up to 10 letters, longer parts a token per
// further 3 letters. Non-ASCII bytes cost about a token per 2 bytes.
std::int64_t letters_cost(std::string_view run)
{
    std::int64_t tokens = 0;
    std::int64_t part = 0;
    std::int64_t non_ascii = 0;
    auto close_part = [&] {
        if (part > 0) tokens += 1 + (part > 10 ? (part - 10 + 2) / 3 : 0);
        part = 0;
    };
    for (std::size_t i = 0; i < run.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(run[i]);
        if (c >= 0x80) {
            close_part();
            ++non_ascii;
            continue;
        }
        const bool upper = c >= 'A' && c <= 'Z';
        const bool prev_lower = i > 0 && run[i - 1] >= 'a' && run[i - 1] <= 'z';
        if (upper && prev_lower) close_part();
        ++part;
    }
    close_part();
    return tokens + (non_ascii + 1) / 2;
}

} // namespace

std::int64_t count_tokens(std::string_view text)
{
    std::int64_t tokens = 0;
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const CharClass cls = classify(static_cast<unsigned char>(text[i]));
        std::size_t j = i + 1;
        while (j < n && classify(static_cast<unsigned char>(text[j])) == cls) ++j;
        const std::size_t len = j - i;
        switch (cls) {
        case CharClass::letter: tokens += letters_cost(text.substr(i, len)); break;
        case CharClass::digit: tokens += static_cast<std::int64_t>((len + 2) / 3); break;
        // Indentation is merged into few tokens; a space before a word joins the word.
        case CharClass::space: tokens += len >= 2 ? 1 + static_cast<std::int64_t>(len / 16) : 0; break;
        case CharClass::newline: tokens += 1; break;
        case CharClass::punct: {
            // Pre-tokenizers attach one leading punctuation character to a following word (".name").
            const bool before_word = j < n && classify(static_cast<unsigned char>(text[j])) == CharClass::letter;
            const std::size_t own = before_word ? len - 1 : len;
            tokens += static_cast<std::int64_t>((own + 2) / 3);
            break;
        }
        }
        i = j;
    }
    return tokens;
}

} // namespace oneshot::context
