#include "context/file_analysis.hpp"

#include "context/language.hpp"
#include "context/term_counter.hpp"
#include "context/words.hpp"

#include <algorithm>

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

std::uint32_t term_count(const FileAnalysis& analysis, std::uint32_t term_hash)
{
    auto it = std::lower_bound(analysis.terms.begin(), analysis.terms.end(), term_hash,
                               [](const auto& entry, std::uint32_t h) { return entry.first < h; });
    return it != analysis.terms.end() && it->first == term_hash ? it->second : 0;
}

void keep_only_terms(FileAnalysis& analysis, const std::vector<std::uint32_t>& keep)
{
    std::erase_if(analysis.terms, [&](const auto& entry) { return !std::binary_search(keep.begin(), keep.end(), entry.first); });
}

FileKind kind_at(std::string_view path, const FileAnalysis& analysis)
{
    return classify_file(path, analysis.generated_banner);
}

FileAnalysis analyze_file(std::string_view path, std::string_view content, bool parse, const LanguageEvidence* evidence)
{
    FileAnalysis a;
    a.generated_banner = has_generated_banner(content.substr(0, 1024));
    a.kind = classify_file(path, a.generated_banner);
    if (looks_binary(content)) {
        a.binary = true;
        return a;
    }
    a.lines = count_lines(content);
    a.tokens = static_cast<std::int64_t>(content.size() / 4 + 1);
    if (content.size() > kHugeFileBytes) {
        a.huge = true;
        return a;
    }
    // One table per thread, reused across files: a node-based map spent most of a kernel-size
    // prefilter in malloc.
    thread_local TermCounter counter;
    for_each_term_hash(content, [&](std::uint32_t hash) { counter.add(hash); });
    a.term_total = counter.total();
    counter.take_sorted(a.terms);

    if (parse) {
        if (const Grammar* grammar = grammar_for_file(path, content, evidence ? *evidence : LanguageEvidence{})) {
            auto tags = extract_tags(*grammar, content);
            if (tags) {
                a.definitions = std::move(tags->definitions);
                for (Definition& d : a.definitions) d.doc.clear();
                a.references.reserve(tags->references.size());
                for (const Reference& r : tags->references) {
                    if (r.name.size() >= 3) a.references.push_back(SymbolRef{name_key(r.name), r.line});
                }
                a.parsed = true;
            }
        }
    }
    return a;
}

} // namespace oneshot::context
