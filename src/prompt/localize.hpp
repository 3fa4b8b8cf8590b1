// Model-assisted localization (--localize): a first, cheap request shows the model a map of the
// repository (the context packed at a small budget) and asks which files and symbols the change
// needs to see verbatim; its answer then leads the ranking of the real request's context.
#pragma once

#include "context/engine.hpp"
#include "core/error.hpp"
#include "model/types.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace oneshot::prompt {

// The map's token budget for a run whose context budget is `budget`: a quarter of it, at most 8k.
std::int64_t localize_map_budget(std::int64_t budget);

model::Prompt localize_prompt(std::string_view task, const context::ContextPack& map);

// Parses {"files": [{"path": "...", "symbols": ["..."]}]} (a fenced block is accepted). Paths that
// `known` rejects are left out and named in `dropped`; at most kMaxFocusFiles files are kept.
// Errors (ErrorKind::model) name what is wrong and where.
Result<std::vector<context::FocusFile>> parse_focus(std::string_view answer, const std::function<bool(std::string_view)>& known,
                                                    std::vector<std::string>& dropped);

inline constexpr std::size_t kMaxFocusFiles = 12;

} // namespace oneshot::prompt
