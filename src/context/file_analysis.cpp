#include "context/file_analysis.hpp"

#include "context/language.hpp"
#include "context/token_count.hpp"
#include "context/words.hpp"

#include <algorithm>
#include <unordered_map>

namespace oneshot::context {

bool looks_binary(std::string_view content)
{
    return content.substr(0, 8000).find('\0') != std::string_view::npos;
}

int count_lines(std::string_view content)
{
    if (content.empty()) return 0;
    const auto newlines = std::count(content.begin(), content.end(), '\n');
    return static_cast<int>(newlines + (content.back() == '\n' ? 0 : 1));
}

FileAnalysis analyze_file(std::string_view path, std::string_view content, bool parse)
{
    FileAnalysis a;
    a.kind = classify_file(path, content.substr(0, 1024));
    if (looks_binary(content)) {
        a.binary = true;
        return a;
    }
    a.lines = count_lines(content);
    a.tokens = count_tokens(content);
    if (content.size() > kHugeFileBytes) {
        a.huge = true;
        return a;
    }
    std::unordered_map<std::string, int> counts;
    for_each_term(content, [&](const std::string& term, bool) {
        if (term.size() >= 2) ++counts[term];
    });
    a.terms.assign(counts.begin(), counts.end());
    std::sort(a.terms.begin(), a.terms.end());

    if (parse) {
        if (const Grammar* grammar = grammar_for_path(path)) {
            auto tags = extract_tags(*grammar, content);
            if (tags) {
                a.definitions = std::move(tags->definitions);
                a.references = std::move(tags->references);
                a.parsed = true;
            }
        }
    }
    return a;
}

} // namespace oneshot::context
