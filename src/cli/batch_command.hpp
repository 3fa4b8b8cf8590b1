// `git oneshot batch`: what the command line says beyond the shared options, and the entry point.
#pragma once

#include "cli/options.hpp"

#include <optional>
#include <string>
#include <vector>

namespace oneshot::cli {

struct BatchArgs {
    std::string tasks_file;
    std::string report_file;
    std::string summary_file;
    bool resume = false;
    std::string shard;
    int jobs = 1;
    std::optional<double> max_cost_usd;
    std::optional<int> max_tasks;
    std::vector<std::string> merge_reports;
};

int batch_command(const Options& options, const BatchArgs& args);

} // namespace oneshot::cli
