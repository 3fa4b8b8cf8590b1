// The context engine's entry point: rank the repository's files and symbols for a task and pack
// the best of them into a token budget (design.md, stage 1).
#pragma once

#include "context/file_kind.hpp"
#include "context/source_tree.hpp"
#include "context/vendored.hpp"
#include "core/error.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace oneshot::context {

enum class ShowMode { full, regions, outline, listed };

// A file a first, cheap model request chose to see verbatim (--localize), and the symbols in it
// the change needs. Paths are the tree's; unknown ones are dropped before they get here.
struct FocusFile {
    std::string path;
    std::vector<std::string> symbols;
};

struct ContextRequest {
    std::string task;
    std::int64_t budget = 32000;           // tokens
    std::vector<std::string> include;      // always shown in full
    std::vector<FocusFile> focus = {};     // lead the ranking, in this order (--localize)
};

struct ShownFile {
    std::string path;
    ShowMode mode = ShowMode::listed;
    std::vector<std::pair<int, int>> regions;   // mode regions: 1-based inclusive line ranges shown verbatim
    std::int64_t tokens = 0;
    double score = 0;
    std::string why;                            // human explanation of the rank
    FileKind kind = FileKind::other;            // its role; vendored for bundled third-party code
};

struct ContextPack {
    std::vector<ShownFile> files;   // in rank order
    std::string text;               // the rendered context, as the prompt embeds it
    std::int64_t total_tokens = 0;
    std::int64_t budget = 0;
    std::vector<VendoredRoot> vendored;   // bundled code found in the tree, and why
};

Result<ContextPack> build_context(const SourceTree& tree, const ContextRequest& request);

// The contract's `context --json` shape: {"files": [{path, mode, regions, tokens, score, why, kind}],
// total_tokens, budget, vendored: [{path, kind, reason}]}.
nlohmann::json to_json(const ContextPack& pack);

} // namespace oneshot::context
