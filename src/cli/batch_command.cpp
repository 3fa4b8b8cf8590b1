// `git oneshot batch TASKS.jsonl` and `git oneshot batch --merge-reports A B ...`.
#include "cli/batch_command.hpp"

#include "batch/report_log.hpp"
#include "batch/runner.hpp"
#include "cli/environment.hpp"
#include "cli/run_report.hpp"
#include "core/json_text.hpp"

#include <cstdio>
#include <iostream>

namespace oneshot::cli {

namespace {

constexpr std::size_t kMaxReportBytes = 256u << 20;

int usage_error(const std::string& message)
{
    std::fprintf(stderr, "git-oneshot batch: %s\n", message.c_str());
    return 2;
}

// The shards' reports as one, on stdout: the batch's full report, as if one machine had run it.
int merge_command(const std::vector<std::string>& files)
{
    std::vector<std::pair<std::string, std::string>> texts;
    for (const auto& file : files) {
        auto text = read_input(file, kMaxReportBytes, "report");
        if (!text) return usage_error(text.error().message);
        texts.emplace_back(file, std::move(*text));
    }
    auto merged = batch::merge_reports(texts);
    if (!merged) return usage_error(merged.error().message);
    for (const auto& record : *merged) std::cout << json_text(record) << '\n';
    std::cout.flush();
    return std::cout ? 0 : 1;
}

} // namespace

int batch_command(const Options& options, const BatchArgs& args)
{
    if (!args.merge_reports.empty()) {
        if (!args.tasks_file.empty()) return usage_error("--merge-reports takes report files only, not a tasks file");
        return merge_command(args.merge_reports);
    }
    if (args.tasks_file.empty()) return usage_error("a tasks file is required (TASKS.jsonl)");
    batch::BatchOptions batch;
    batch.tasks_file = args.tasks_file;
    batch.report_file = args.report_file;
    batch.summary_file = args.summary_file;
    batch.resume = args.resume;
    if (!args.shard.empty()) {
        auto shard = batch::parse_shard(args.shard);
        if (!shard) return usage_error(shard.error().message);
        batch.shard = *shard;
    }
    batch.jobs = args.jobs;
    batch.max_cost_usd = args.max_cost_usd;
    batch.max_tasks = args.max_tasks;
    batch.output = options.output;
    batch.no_branch = options.no_branch;
    batch.run = options;
    return batch::run_batch(batch);
}

} // namespace oneshot::cli
