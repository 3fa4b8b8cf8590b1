// One task through the whole pipeline, as a function: `run` calls it once, `batch` once per task.
#pragma once

#include "cli/options.hpp"
#include "cli/run_report.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace oneshot::cli {

struct TaskInput {
    std::filesystem::path repo_dir;      // inside the repository (discovered upwards)
    std::string task;
    std::string base = "HEAD";
    std::string branch;                  // empty: oneshot/<slug>, made unique
    std::vector<std::string> include;
};

// Never throws; every failure is in report.error. Settings are resolved against that repository.
RunReport run_task(const TaskInput& task, const Options& options);

} // namespace oneshot::cli
