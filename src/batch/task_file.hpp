// The batch tasks file (design.md, fixed): one JSON object per line, {"id", "task"} plus optional
// "repo" (relative to the tasks file), "branch" and "include". Pure: text in, tasks or an error out.
#pragma once

#include "core/error.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace oneshot::batch {

struct BatchTask {
    std::string id;
    std::string task;
    std::filesystem::path repo;          // absolute (lexically normal); the tasks file's folder by default
    std::string branch;                  // empty: the batch default, <prefix><slug of id>
    std::vector<std::string> include;
    int line = 0;                        // 1-based line in the tasks file, for messages
};

// Blank lines and lines starting with '#' are skipped. Every problem names its line: not JSON, not
// an object, a missing or non-string "id"/"task", an unknown key, a repeated id. `file_name` is
// only used in messages; `base_dir` anchors relative "repo" paths.
Result<std::vector<BatchTask>> parse_tasks(std::string_view text, const std::filesystem::path& base_dir,
                                           const std::string& file_name);

} // namespace oneshot::batch
