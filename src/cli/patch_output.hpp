// --output: a made commit as a `git format-patch` mbox for review (run, apply, batch). The diff and
// message come from the commit itself, so what a reviewer `git am`s is exactly what was tested.
#pragma once

#include "cli/run_report.hpp"
#include "core/error.hpp"
#include "repo/repository.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace oneshot::cli {

// A commit body's trailing "Key: value" paragraph, split off (pure): {rest of the body, trailers}.
std::pair<std::string, std::vector<std::string>> split_trailers(const std::string& body);

// The commit (against `base_hex`) as one mbox message; the model and its usage become trailers.
Result<std::string> mbox_for_commit(const repo::Repository& repository, const std::string& base_hex,
                                    const std::string& commit_hex, const std::optional<ModelInfo>& model);

// "-": stdout; otherwise the file, written whole (temporary file + rename) so a reader never sees half.
Status write_output(const std::string& path, const std::string& text);

} // namespace oneshot::cli
