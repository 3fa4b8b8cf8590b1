// Analyzing every file of a tree, through the cache and on all cores. On a large tree the first
// pass only reads words (cheap, cached too); tree-sitter then parses the files that pass ranks
// highest, so a cold run on a kernel-size tree does not parse everything before ranking.
#pragma once

#include "context/analysis_cache.hpp"
#include "context/file_analysis.hpp"
#include "context/ranking.hpp"
#include "context/source_tree.hpp"

#include <vector>

namespace oneshot::context {

// Trees with up to this many bytes in languages we parse are parsed in full on the first pass.
// Parsing runs at ~5 MB/s per core, so 8 MB keeps a cold run on such a tree near a second on two
// cores (every repository of the localization set is below 3 MB).
inline constexpr std::uint64_t kParseAllBytes = 8ull << 20;
// On larger trees, how many of the best files the second pass parses, and how many bytes: a share
// of the tree's text, so a cold run's time grows with the tree, never below a floor.
inline constexpr std::size_t kDeepParseFiles = 2500;
inline constexpr std::uint64_t kDeepParseMinBytes = 6ull << 20;
inline constexpr std::uint64_t kDeepParseShare = 40;   // 1/40 of the text: 30 MB of a kernel tree

struct TreeAnalysis {
    std::vector<FileAnalysis> files;   // parallel to SourceTree::files()
    std::size_t parsed_now = 0;        // files analysed in this run (not from the cache)
};

// Analyses the files at `indices` (parse: run tree-sitter where a grammar exists), filling
// analyses[i]; cached results are used and fresh ones recorded (in full). With keep_terms (sorted
// term hashes, e.g. the task's), the analyses filled in hold only those terms.
void analyze_files(const SourceTree& tree, AnalysisCache& cache, const std::vector<std::size_t>& indices, bool parse,
                   std::vector<FileAnalysis>& analyses, std::size_t* computed = nullptr,
                   const std::vector<std::uint32_t>* keep_terms = nullptr);

bool should_parse_all(const SourceTree& tree);

// The tree's evidence for the language of its headers: its sources and .gitattributes files.
LanguageEvidence language_evidence(const SourceTree& tree);

// How many bytes the second pass may parse on a tree too large to parse in full.
std::uint64_t deep_parse_bytes(const SourceTree& tree);

// The files the second pass parses: the best code-like files of the lexical ranking (score > 0),
// up to max_files and max_bytes of files we have a grammar for; a file too large for what is left
// is passed over for smaller ones. The same files every run for a task: those already parsed
// (from the cache) count, but are not returned. Pure.
std::vector<std::size_t> choose_deep_parse(const std::vector<TrackedFile>& files, const std::vector<FileAnalysis>& analyses,
                                           const std::vector<RankedFile>& lexical, std::uint64_t max_bytes,
                                           std::size_t max_files = kDeepParseFiles);

} // namespace oneshot::context
