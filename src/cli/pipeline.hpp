// One task through the whole pipeline, as a function: `run` calls it once, `batch` once per task.
#pragma once

#include "cli/options.hpp"
#include "cli/run_report.hpp"
#include "model/types.hpp"

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

// The model connection the settings and flags describe; a config error without an API key for a
// remote service.
Result<model::ModelConfig> model_config(const Settings& settings, const Options& options);

// --sandbox: bwrap's path; empty when not asked (or --no-test); a config error when not installed.
Result<std::string> sandbox_for(const Options& options);

// Never throws; every failure is in report.error. Settings are resolved against that repository.
RunReport run_task(const TaskInput& task, const Options& options);

} // namespace oneshot::cli
