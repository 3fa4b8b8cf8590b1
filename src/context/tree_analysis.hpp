// Analyzing every file of a tree, through the cache and on all cores. On a large tree the first
// pass only reads words (cheap, cached too); tree-sitter then parses the files that pass ranks
// highest, so a cold run on a kernel-size tree does not parse everything before ranking.
#pragma once

#include "context/analysis_cache.hpp"
#include "context/file_analysis.hpp"
#include "context/source_tree.hpp"

#include <vector>

namespace oneshot::context {

// Trees up to this many bytes of text are parsed in full on the first pass.
inline constexpr std::uint64_t kParseAllBytes = 160ull << 20;
// On larger trees, how many of the best files the second pass parses.
inline constexpr std::size_t kDeepParseFiles = 2500;

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

} // namespace oneshot::context
