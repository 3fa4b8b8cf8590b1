// Ranking the files of a tree for a task: lexical relevance (BM25 over identifier terms, path and
// definition names as extra fields), scaled by the file's role, then spread over the symbol graph
// (a personalised PageRank seeded by the lexical hits) and over history (co-change with the
// seeds, recent churn). Pure: takes the analyses, returns scores.
#pragma once

#include "context/file_analysis.hpp"
#include "context/source_tree.hpp"

#include <string>
#include <unordered_map>
#include <vector>

namespace oneshot::context {

struct QueryTerm {
    std::string term;
    double weight = 1;   // from repeats in the task
    double idf = 0;      // filled by rank_files, over the tree's files
};

struct RankedFile {
    std::size_t index = 0;   // into the inputs
    double score = 0;
    std::string why;
};

struct RankingInputs {
    const std::vector<TrackedFile>* files = nullptr;
    const std::vector<FileAnalysis>* analyses = nullptr;   // parallel to files
    std::string task;
    std::vector<HistoryCommit> history;                     // newest first; may be empty
    // Words and paths only (no definitions, graph or history): a ranking that does not change as
    // more files get parsed, which picks the files to parse deeply on large trees.
    bool lexical_only = false;
};

struct Ranking {
    std::vector<RankedFile> files;        // every file, best first
    std::vector<QueryTerm> query;         // the task's terms with their idf over the tree
    // Per file (by index): how surely the task names it, or an identifier it defines (0..1;
    // plain words that happen to name a symbol left out); empty for a lexical-only ranking.
    std::vector<double> named;
};

Ranking rank_files(const RankingInputs& inputs);

// Terms of a path ("src/ParseArgs.cpp" -> src, parse, arg, parseargs, cpp).
std::vector<std::string> path_terms(std::string_view path);

} // namespace oneshot::context
