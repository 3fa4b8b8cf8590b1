// One task through the whole pipeline, as a function: `run` calls it once, `batch` once per task.
#pragma once

#include "cli/options.hpp"
#include "cli/run_report.hpp"
#include "model/types.hpp"
#include "verify/sandbox.hpp"
#include "verify/verifier.hpp"

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

// How the tests run: always with a scrubbed environment (oneshot.testEnv); under bubblewrap unless
// --no-sandbox, or bubblewrap is missing or cannot run here (then a warning, once per process).
// --sandbox makes a missing or broken bubblewrap a config error.
Result<verify::SandboxConfig> sandbox_for(const Options& options, const Settings& settings);

// The base's test dependencies prepared (or reused) into the verify options, once per run; nothing
// with --no-test. A failed install is not an error: the report says "not installed".
Status prepare_test_dependencies(const repo::Repository& repository, const git_oid& base, const Options& options,
                                 const Settings& settings, verify::VerifyOptions& verify_options);

// Never throws; every failure is in report.error. Settings are resolved against that repository.
RunReport run_task(const TaskInput& task, const Options& options);

} // namespace oneshot::cli
