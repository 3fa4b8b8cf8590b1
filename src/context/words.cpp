#include "context/words.hpp"

#include <algorithm>
#include <iterator>

namespace oneshot::context {

namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Sorted for binary search.
constexpr std::string_view kStopwords[] = {
    "a", "about", "above", "add", "added", "adds", "after", "all", "allow", "also", "an", "and",
    "any", "are", "as", "at", "be", "because", "been", "before", "being", "between", "both", "but",
    "by", "can", "change", "changed", "changes", "could", "did", "do", "does", "doing", "don",
    "done", "each", "either", "etc", "even", "ever", "few", "fix", "fixe", "fixed", "for", "from",
    "further", "get", "had", "has", "have", "having", "he", "her", "here", "him", "his", "how", "i",
    "if", "in", "into", "is", "issue", "it", "its", "just", "like", "make", "may", "me", "might",
    "more", "most", "much", "must", "my", "need", "no", "nor", "not", "now", "of", "off", "on",
    "once", "one", "only", "or", "other", "our", "out", "over", "own", "same", "see", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "up", "use", "very", "via",
    "was", "we", "were", "what", "when", "where", "which", "while", "who", "why", "will", "with",
    "would", "yet", "you", "your",
};

} // namespace

std::string normalize_term(std::string_view word)
{
    std::string out(word);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // Plural folding only: "flags" -> "flag", "classes" -> "class"; "status", "class" stay.
    const std::size_t n = out.size();
    if (n > 4 && out.ends_with("sses")) out.erase(n - 2);
    else if (n > 3 && out.back() == 's' && out[n - 2] != 's' && out[n - 2] != 'u' && out[n - 2] != 'i')
        out.pop_back();
    return out;
}

std::vector<std::string> split_identifier(std::string_view id)
{
    std::vector<std::string> parts;
    std::string current;
    auto flush = [&] {
        if (current.empty()) return;
        bool all_digits = std::all_of(current.begin(), current.end(), [](char c) { return is_digit(c); });
        if (!all_digits) parts.push_back(normalize_term(current));
        current.clear();
    };
    for (std::size_t i = 0; i < id.size(); ++i) {
        const char c = id[i];
        if (c == '_') {
            flush();
            continue;
        }
        if (!current.empty()) {
            const char prev = current.back();
            const bool camel = is_upper(c) && (is_lower(prev) || is_digit(prev));
            // "HTTPHeader": the 'H' of "Header" starts a word when a lower-case letter follows it.
            const bool acronym_end = is_upper(c) && is_upper(prev) && i + 1 < id.size() && is_lower(id[i + 1]);
            if (camel || acronym_end) flush();
        }
        current.push_back(c);
    }
    flush();
    return parts;
}

namespace detail {
std::string joined_identifier(std::string_view identifier)
{
    std::string out;
    out.reserve(identifier.size());
    for (char c : identifier) {
        if (c != '_') out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}
} // namespace detail

std::uint32_t hash32(std::string_view text)
{
    std::uint32_t h = 2166136261u;
    for (char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 16777619u;
    }
    return h;
}

std::string fold_name(std::string_view name)
{
    std::string out;
    out.reserve(name.size());
    for (char c : name) {
        if (c == '_' || c == '-') continue;
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

std::uint32_t name_key(std::string_view name)
{
    return hash32(fold_name(name));
}

bool is_stopword(std::string_view term)
{
    return std::binary_search(std::begin(kStopwords), std::end(kStopwords), term);
}

std::vector<std::string> task_terms(std::string_view task)
{
    std::vector<std::string> terms;
    for_each_term(task, [&](const std::string& term, bool) {
        if (term.size() < 2 || is_stopword(term)) return;
        terms.push_back(term);
    });
    return terms;
}

} // namespace oneshot::context
