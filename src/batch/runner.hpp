// `git oneshot batch`: many tasks, each through cli::run_task on its own branch, --jobs at a time,
// every finished task recorded in the report before its branch gets its final name, so that a
// batch killed at any moment resumes with nothing lost, nothing done twice and nothing left over.
#pragma once

#include "batch/shard.hpp"
#include "cli/options.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace oneshot::batch {

struct BatchOptions {
    std::filesystem::path tasks_file;
    std::filesystem::path report_file;    // empty: <tasks>.report.jsonl
    std::filesystem::path summary_file;   // empty: the summary goes to stderr
    bool resume = false;
    Shard shard;
    int jobs = 1;
    std::optional<double> max_cost_usd;
    std::optional<int> max_tasks;
    std::string output;                   // "" none, "-" stdout, else a folder of <id>.patch files
    bool no_branch = false;
    cli::Options run;                     // model, context and landing options for every task
};

// The report's default name: TASKS.jsonl -> TASKS.report.jsonl.
std::filesystem::path default_report_path(const std::filesystem::path& tasks_file);

// Exit code: 0 every task of the shard passed (or was untested by request), 1 otherwise (a
// failure, an error, or tasks left unstarted by a limit), 2 usage, 130 interrupted.
int run_batch(const BatchOptions& options);

} // namespace oneshot::batch
