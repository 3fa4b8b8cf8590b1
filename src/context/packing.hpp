// Packing ranked files into a token budget: verbatim code where an edit is likely (whole files
// when they fit, else their relevant chunks with a few lines around them), outlines (signatures
// with line numbers) of the rest of those files and of related files, then a listing of paths.
// Never over budget. Pure apart from reading file contents through the given callback.
#pragma once

#include "context/engine.hpp"
#include "context/file_analysis.hpp"
#include "context/ranking.hpp"

#include <functional>
#include <string>
#include <vector>

namespace oneshot::context {

struct PackFile {
    std::string path;
    const FileAnalysis* analysis = nullptr;
    double score = 0;
    std::string why;
    bool include = false;   // --include: always in full
    std::vector<std::string> focus_symbols;   // --localize: definitions the model asked to see
    bool focus = false;                       // --localize chose the file: shown whatever its kind
    bool named = false;                       // the task names the file: shown in full or in regions
    double change_rate = 0;                   // share of recent commits that changed it (changelogs, manifests)
};

struct PackInput {
    std::vector<PackFile> files;            // every tracked file, best first
    std::vector<QueryTerm> query;
    std::int64_t budget = 0;
    // Reads file i of `files`; called only for files that may be shown verbatim or outlined.
    std::function<Result<std::string>(std::size_t)> read;
};

Result<ContextPack> pack_context(const PackInput& input);

} // namespace oneshot::context
