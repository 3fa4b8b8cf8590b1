#include "context/tree_analysis.hpp"

#include "context/language.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

namespace oneshot::context {

void analyze_files(const SourceTree& tree, AnalysisCache& cache, const std::vector<std::size_t>& indices, bool parse,
                   std::vector<FileAnalysis>& analyses, std::size_t* computed, const std::vector<std::uint32_t>* keep_terms)
{
    const auto& files = tree.files();
    const std::uint64_t plain_key = analysis_key(nullptr);
    const LanguageEvidence evidence = language_evidence(tree);
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> fresh{0};
    auto worker = [&] {
        for (std::size_t k = next++; k < indices.size(); k = next++) {
            const std::size_t i = indices[k];
            const TrackedFile& f = files[i];
            FileAnalysis& out = analyses[i];
            if (f.size > kHugeFileBytes) {
                out = FileAnalysis{};
                out.huge = true;
                out.kind = classify_file(f.path, false);
                continue;
            }
            // Looked up once per file: 80k files on a kernel-size tree.
            const Grammar* grammar = grammar_for_file(f.path, std::nullopt, evidence);
            const bool deep = parse && grammar != nullptr;
            const std::uint64_t deep_key = analysis_key(grammar);
            // A parsed entry serves a light request too: it holds everything the light one has.
            std::optional<FileAnalysis> cached = grammar ? cache.get(f.oid, deep_key, keep_terms) : std::nullopt;
            if (!cached && !deep) cached = cache.get(f.oid, plain_key, keep_terms);
            if (cached) {
                out = std::move(*cached);
            } else {
                auto content = tree.read(f);
                if (!content) {
                    out = FileAnalysis{};
                    out.binary = true;   // unreadable: never shown
                } else {
                    out = analyze_file(f.path, *content, deep, &evidence);
                    cache.put(f.oid, deep ? deep_key : plain_key, out);
                    if (keep_terms) keep_only_terms(out, *keep_terms);
                    ++fresh;
                }
            }
            out.kind = kind_at(f.path, out);
        }
    };
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads && t < indices.size(); ++t) pool.emplace_back(worker);
    worker();
    for (auto& t : pool) t.join();
    if (computed) *computed += fresh;
}

LanguageEvidence language_evidence(const SourceTree& tree)
{
    LanguageEvidence evidence;
    std::vector<std::pair<std::string, std::string>> attributes;
    for (const TrackedFile& f : tree.files()) {
        note_source_path(evidence, f.path);
        if (!gitattributes_dir(f.path)) continue;
        if (auto text = tree.read(f)) attributes.emplace_back(f.path, std::move(*text));   // unreadable: no rules
    }
    add_gitattributes_files(evidence, std::move(attributes));
    return evidence;
}

bool should_parse_all(const SourceTree& tree)
{
    std::uint64_t bytes = 0;
    for (const auto& f : tree.files()) {
        if (f.size <= kHugeFileBytes && grammar_for_path(f.path) != nullptr) bytes += f.size;
    }
    return bytes <= kParseAllBytes;
}

std::vector<std::size_t> choose_deep_parse(const std::vector<TrackedFile>& files, const std::vector<FileAnalysis>& analyses,
                                           const std::vector<RankedFile>& lexical, std::uint64_t max_bytes, std::size_t max_files)
{
    std::vector<std::size_t> deep;
    std::size_t chosen = 0;
    std::uint64_t bytes_left = max_bytes;
    for (const RankedFile& r : lexical) {
        if (chosen >= max_files || r.score <= 0) break;
        if (!is_code_like(analyses[r.index].kind)) continue;
        const bool parsable = grammar_for_path(files[r.index].path) != nullptr;
        const std::uint64_t size = parsable ? files[r.index].size : 0;
        if (size > bytes_left) continue;
        bytes_left -= size;
        ++chosen;
        if (parsable && !analyses[r.index].parsed) deep.push_back(r.index);
    }
    return deep;
}

std::uint64_t deep_parse_bytes(const SourceTree& tree)
{
    std::uint64_t bytes = 0;
    for (const auto& f : tree.files()) {
        if (f.size <= kHugeFileBytes) bytes += f.size;
    }
    return std::max(kDeepParseMinBytes, bytes / kDeepParseShare);
}

} // namespace oneshot::context
