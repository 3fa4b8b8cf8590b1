// --localize for `run`, `batch` and `context`: the first, cheap model request (prompt/localize.hpp)
// made and turned into the files and symbols that lead the context.
#pragma once

#include "context/engine.hpp"
#include "context/source_tree.hpp"
#include "model/client.hpp"

#include <vector>

namespace oneshot::cli {

// Asks with low effort and a strict JSON answer; what the request cost goes into `spent`. Paths
// the model made up are dropped with a warning on stderr (unless config.quiet).
Result<std::vector<context::FocusFile>> localize(const context::SourceTree& tree, const context::ContextRequest& request,
                                                 model::ModelConfig config, model::Spending& spent);

} // namespace oneshot::cli
