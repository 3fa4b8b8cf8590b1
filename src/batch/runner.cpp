#include "batch/runner.hpp"

#include "batch/progress.hpp"
#include "batch/report_log.hpp"
#include "batch/staging.hpp"
#include "batch/summary.hpp"
#include "batch/task_file.hpp"
#include "batch/test_slots.hpp"
#include "cli/color_mode.hpp"
#include "cli/environment.hpp"
#include "cli/patch_output.hpp"
#include "cli/pipeline.hpp"
#include "cli/run_report.hpp"
#include "core/interrupt.hpp"
#include "core/utf8.hpp"
#include "model/rate_gate.hpp"
#include "repo/branch.hpp"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <thread>
#include <unistd.h>

namespace oneshot::batch {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxTasksFileBytes = 64u << 20;

double rounded(double seconds)
{
    return std::round(seconds * 1000) / 1000;
}

bool passed_status(const json& record)
{
    const std::string status = record.value("status", "");
    return status == "passed" || status == "untested";
}

// A task ready to run: where, and under which names.
struct Job {
    const BatchTask* task = nullptr;
    std::string final_branch;
    std::string staging_branch;
    std::optional<Error> setup_error;   // the repository could not be opened or configured
};

class Batch {
public:
    explicit Batch(const BatchOptions& options) : options_(options) {}
    int run();

private:
    Status prepare();
    void cleanup_leftovers();
    void worker();
    bool may_start();
    json run_one(const Job& job);
    json run_one_guarded(const Job& job);
    Result<std::string> write_patch(const Job& job, const cli::RunReport& report);
    json existing_branch_record(const Job& job, const std::string& tip) const;
    void finish_task(const Job& job, json record, const std::optional<std::string>& staged);
    ProgressCounts counts();
    void report_error(const Error& error) const { std::fprintf(stderr, "git-oneshot batch: %s\n", error.message.c_str()); }

    const BatchOptions& options_;
    std::filesystem::path report_path_;
    std::string key_;
    std::vector<BatchTask> tasks_;                 // this shard's, in file order
    std::map<std::string, json> records_;          // id -> record (previous and new)
    std::vector<Job> jobs_;                        // tasks still to do
    std::optional<ReportWriter> writer_;
    std::unique_ptr<Progress> progress_;
    cli::Options run_options_;

    std::mutex stdout_mutex_;                      // --output -: one patch at a time
    std::mutex mutex_;                             // guards what follows
    std::size_t next_job_ = 0;
    int started_ = 0, running_ = 0;
    double cost_usd_ = 0;
    std::string stop_reason_;
    bool write_failed_ = false;
};

Status Batch::prepare()
{
    auto text = cli::read_input(options_.tasks_file.string(), kMaxTasksFileBytes, "tasks file");
    if (!text) return text.take_error();
    const auto tasks_dir = std::filesystem::absolute(options_.tasks_file).parent_path();
    auto all = parse_tasks(*text, tasks_dir, options_.tasks_file.string());
    if (!all) return all.take_error();
    for (auto& task : *all) {
        if (in_shard(task.id, options_.shard)) tasks_.push_back(std::move(task));
    }

    report_path_ = options_.report_file.empty() ? default_report_path(options_.tasks_file) : options_.report_file;
    report_path_ = std::filesystem::weakly_canonical(std::filesystem::absolute(report_path_));
    key_ = batch_key(report_path_.string());
    // The lock first: everything below (repairing a torn tail, cleaning up staging branches) is
    // only safe while no other batch works on this report.
    auto writer = ReportWriter::open(report_path_);
    if (!writer) return writer.take_error();
    writer_.emplace(std::move(*writer));
    std::error_code ec;
    if (!options_.resume && std::filesystem::file_size(report_path_, ec) > 0 && !ec) {
        return make_error(ErrorKind::usage, "the report " + report_path_.string() +
                                                " already has records: add --resume to continue that batch, or remove it");
    }
    auto previous = load_report_repairing(report_path_);
    if (!previous) return previous.take_error();
    std::set<std::string> ids;
    for (const auto& task : tasks_) ids.insert(task.id);
    for (auto& record : previous->records) {
        const std::string id = record["id"];
        if (!ids.count(id)) continue;   // another shard's, or a task since removed: kept in the file, not ours
        cost_usd_ += record.contains("model") && record["model"].is_object() ? record["model"].value("cost_usd", 0.0) : 0.0;
        records_[id] = std::move(record);
    }
    if (previous->torn_tail) progress_->note("report: dropped a torn last line left by an interrupted run");

    // Names, checked up front: two tasks may not share a final branch in one repository.
    std::map<std::filesystem::path, std::pair<std::string, std::optional<Error>>> repos;   // repo -> prefix, error
    std::map<std::pair<std::filesystem::path, std::string>, const BatchTask*> owner;
    for (const auto& task : tasks_) {
        auto found = repos.find(task.repo);
        if (found == repos.end()) {
            std::pair<std::string, std::optional<Error>> info{"oneshot/", std::nullopt};
            auto repository = repo::Repository::discover(task.repo);
            if (!repository) {
                info.second = repository.take_error();
            } else {
                auto settings = cli::resolve_settings(options_.run.flags, cli::process_environment(), cli::git_config_of(*repository));
                if (settings) info.first = settings->branch_prefix;
                else info.second = settings.take_error();
            }
            found = repos.emplace(task.repo, std::move(info)).first;
        }
        Job job{&task, final_branch(task.branch, found->second.first, task.id), staging_branch(key_, task.id), found->second.second};
        auto [it, fresh] = owner.emplace(std::make_pair(task.repo, job.final_branch), &task);
        if (!fresh) {
            return make_error(ErrorKind::usage, options_.tasks_file.string() + " line " + std::to_string(task.line) + ": branch '" +
                                                    job.final_branch + "' is also the branch of line " + std::to_string(it->second->line) +
                                                    " (give one of them a \"branch\")");
        }
        if (!records_.count(task.id)) jobs_.push_back(std::move(job));
    }
    run_options_ = options_.run;
    run_options_.quiet = true;   // eight model progress bars on one stderr help nobody
    run_options_.no_branch = false;   // the batch stages its own branches and honours --no-branch itself
    return Ok{};
}

// What a killed run left: test worktrees of processes proven gone, lock files on our staging
// branches, staging branches (ours: this batch holds the report's lock). A task
// with a record whose branch is missing died between its record and its branch: the record names
// the commit, so the branch is made now. Every staging branch then goes: finished or unfinished,
// none is needed any more.
void Batch::cleanup_leftovers()
{
    std::set<std::filesystem::path> seen;
    for (const auto& task : tasks_) {
        if (!seen.insert(task.repo).second) continue;
        auto repository = repo::Repository::discover(task.repo);
        if (!repository) continue;
        std::vector<std::string> staging_names;
        std::vector<const json*> recorded;
        for (const auto& t : tasks_) {
            if (t.repo != task.repo) continue;
            staging_names.push_back(staging_branch(key_, t.id));
            auto it = records_.find(t.id);
            if (it != records_.end() && it->second["branch"].is_string() && it->second["commit"].is_string()) recorded.push_back(&it->second);
        }
        const int locks = remove_stale_ref_locks(*repository, staging_names);
        const int pruned = prune_dead_worktrees(*repository);
        std::error_code ec;
        if (std::filesystem::exists(repository->git_dir() / "packed-refs.lock", ec)) {
            progress_->note("resume: " + task.repo.string() + ": packed-refs.lock left alone (a running git may own it; " +
                            "if none runs, remove it by hand)");
        }
        int finished = 0, removed = 0;
        for (const json* record : recorded) {
            if (branch_tip(*repository, (*record)["branch"])) continue;
            if (auto made = create_branch_at(*repository, (*record)["branch"], (*record)["commit"]); made) ++finished;
            else report_error(made.error());
        }
        for (const std::string& staged : branches_under(*repository, staging_prefix(key_))) {
            delete_branch(*repository, staged);
            ++removed;
        }
        if (locks + pruned + finished + removed > 0) {
            progress_->note("resume: " + task.repo.string() + ": " + std::to_string(locks) + " stale lock(s) and " + std::to_string(pruned) +
                            " stale worktree(s) removed, " + std::to_string(removed) + " staging branch(es) removed, " +
                            std::to_string(finished) + " recorded branch(es) made");
        }
    }
}

ProgressCounts Batch::counts()
{
    return {running_, static_cast<int>(records_.size()), static_cast<int>(tasks_.size()), cost_usd_};
}

bool Batch::may_start()
{
    if (interrupt_requested()) {
        if (stop_reason_.empty()) stop_reason_ = "interrupted";
        return false;
    }
    if (!stop_reason_.empty()) return false;
    if (options_.max_tasks && started_ >= *options_.max_tasks) {
        stop_reason_ = "--max-tasks " + std::to_string(*options_.max_tasks) + " reached";
        return false;
    }
    if (options_.max_cost_usd && cost_usd_ >= *options_.max_cost_usd) {
        char text[96];
        std::snprintf(text, sizeof text, "--max-cost reached ($%.4f of $%.4f)", cost_usd_, *options_.max_cost_usd);
        stop_reason_ = text;
        return false;
    }
    return true;
}

json Batch::existing_branch_record(const Job& job, const std::string& tip) const
{
    // The branch is there already (made by hand or by an earlier batch): recorded, not asked again.
    return json{{"id", job.task->id}, {"repo", job.task->repo.string()}, {"status", "untested"},
                {"branch", job.final_branch}, {"commit", tip}, {"base", nullptr}, {"changes", json::array()},
                {"tests", nullptr}, {"model", nullptr}, {"error", nullptr}, {"existing_branch", true}, {"duration_s", 0.0}};
}

Result<std::string> Batch::write_patch(const Job& job, const cli::RunReport& report)
{
    auto repository = repo::Repository::discover(job.task->repo);
    if (!repository) return repository.take_error();
    auto mbox = cli::mbox_for_commit(*repository, report.base, *report.commit, report.model);
    if (!mbox) return mbox.take_error();
    if (options_.output == "-") {
        std::lock_guard lock(stdout_mutex_);
        if (auto written = cli::write_output("-", *mbox); !written) return written.take_error();
        return std::string("-");
    }
    const std::filesystem::path folder = options_.output;
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    const std::string& id = job.task->id;
    const bool plain = id != "." && id != ".." && id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == std::string::npos;
    const auto path = folder / ((plain ? id : repo::task_slug(id, 40) + "-" + batch_key(id)) + ".patch");
    if (auto written = cli::write_output(path.string(), *mbox); !written) return written.take_error();
    return path.string();
}

json Batch::run_one(const Job& job)
{
    const auto started = std::chrono::steady_clock::now();
    const auto elapsed = [&] { return rounded(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()); };
    cli::RunReport report;
    if (job.setup_error) {
        report.error = *job.setup_error;
    } else {
        auto repository = repo::Repository::discover(job.task->repo);
        if (repository) {
            if (auto tip = branch_tip(*repository, job.final_branch)) return existing_branch_record(job, *tip);
            delete_branch(*repository, job.staging_branch);   // a leftover under our own name
        }
        const cli::TaskInput input{job.task->repo, job.task->task, options_.run.base, job.staging_branch, job.task->include};
        report = cli::run_task(input, run_options_);
    }
    json record = cli::to_json(report);
    if (report.commit && !options_.output.empty()) {
        // The patch before the record: a recorded task's patch is always there.
        auto written = write_patch(job, report);
        if (written) record["patch"] = std::filesystem::path(*written).lexically_proximate(std::filesystem::current_path()).string();
        else record["patch_error"] = written.error().message;
    }
    record["id"] = job.task->id;
    record["repo"] = job.task->repo.string();
    record["duration_s"] = elapsed();
    if (report.branch) record["branch"] = options_.no_branch ? json(nullptr) : json(job.final_branch);
    return record;
}

// The last resort of a worker: an exception escaping one task (a bug of ours) becomes that task's
// `internal` error record; the other tasks and the batch go on.
json Batch::run_one_guarded(const Job& job)
{
    std::string what;
    try {
        return run_one(job);
    } catch (const std::exception& e) {
        what = e.what();
    } catch (...) {
        what = "an exception of unknown type";
    }
    cli::RunReport report;
    report.error = make_error(ErrorKind::internal, "internal error (please report it): " + utf8_truncate(what, 500));
    json record = cli::to_json(report);
    record["id"] = job.task->id;
    record["repo"] = job.task->repo.string();
    return record;
}

// Record first (fsync'd), then give the branch its final name: the order that makes resume exact.
void Batch::finish_task(const Job& job, json record, const std::optional<std::string>& staged)
{
    const std::string id = job.task->id;
    std::optional<repo::Repository> repository;
    if (staged) {
        if (auto opened = repo::Repository::discover(job.task->repo)) repository.emplace(std::move(*opened));
    }
    if (auto written = writer_->append(record); !written) {
        report_error(written.error());
        if (repository) delete_branch(*repository, *staged);
        std::lock_guard lock(mutex_);
        write_failed_ = true;
        if (stop_reason_.empty()) stop_reason_ = "the report cannot be written";
        return;
    }
    if (repository) {
        if (options_.no_branch) {
            delete_branch(*repository, *staged);
        } else {
            // Made beside the staging branch, then the staging one deleted: at no moment is the
            // commit without a ref, and a kill in between leaves what resume expects.
            if (auto made = create_branch_at(*repository, job.final_branch, record["commit"]); !made) report_error(made.error());
            delete_branch(*repository, *staged);
        }
    }
    std::string detail;
    if (record.contains("duration_s")) {
        char text[32];
        std::snprintf(text, sizeof text, "in %.1f s", record["duration_s"].get<double>());
        detail = text;
    }
    if (record["branch"].is_string()) detail += " (" + record["branch"].get<std::string>() + ")";
    if (record["error"].is_object()) detail += ": " + record["error"].value("message", "");
    std::lock_guard lock(mutex_);
    --running_;
    if (record["model"].is_object()) cost_usd_ += record["model"].value("cost_usd", 0.0);
    const std::string status = record.value("status", "error");
    records_[id] = std::move(record);
    progress_->task_line(id, status, detail, counts());
}

void Batch::worker()
{
    for (;;) {
        const Job* job = nullptr;
        {
            std::lock_guard lock(mutex_);
            if (next_job_ >= jobs_.size() || !may_start()) return;
            job = &jobs_[next_job_++];
            ++started_;
            ++running_;
            progress_->task_line(job->task->id, "started", "", counts());
        }
        json record = run_one_guarded(*job);
        const bool interrupted = record["error"].is_object() && record["error"].value("kind", "") == "interrupted";
        if (interrupted) {
            // Unfinished: no record, so --resume redoes it; run_task left no branch behind.
            std::lock_guard lock(mutex_);
            --running_;
            if (stop_reason_.empty()) stop_reason_ = "interrupted";
            progress_->task_line(job->task->id, "interrupted", "", counts());
            continue;
        }
        const std::optional<std::string> staged =
            record["commit"].is_string() && !record.value("existing_branch", false) ? std::optional<std::string>(job->staging_branch) : std::nullopt;
        finish_task(*job, std::move(record), staged);
    }
}

int Batch::run()
{
    const bool terminal = isatty(STDERR_FILENO) == 1;
    const auto env = cli::process_environment();
    std::optional<std::string> color_ui;
    if (auto here = repo::Repository::discover(std::filesystem::current_path())) color_ui = here->config_string("color.ui");
    const bool color = cli::use_color(terminal, color_ui, env("NO_COLOR"), env("TERM"));
    progress_ = std::make_unique<Progress>(stderr, terminal, color, options_.run.quiet);

    if (auto prepared = prepare(); !prepared) {
        report_error(prepared.error());
        if (writer_ && writer_->created()) {   // made only to hold the lock: leave nothing behind
            std::error_code ignored;
            std::filesystem::remove(report_path_, ignored);
        }
        return cli::exit_code_for(prepared.error().kind);
    }
    if (options_.resume) cleanup_leftovers();
    if (tasks_.size() != records_.size() + jobs_.size()) return 2;   // cannot happen; keeps the arithmetic honest

    model::rate_gate().set_patient(true);   // a 429 slows the whole batch down, it does not fail a task
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    test_slots().set_capacity(static_cast<int>(cores));
    const int threads = std::max(1, std::min<int>(options_.jobs, static_cast<int>(jobs_.size())));
    if (!jobs_.empty()) {
        progress_->note("batch: " + std::to_string(jobs_.size()) + " of " + std::to_string(tasks_.size()) + " tasks to do, " +
                        std::to_string(threads) + " at a time; report " + report_path_.string());
    }
    std::vector<std::thread> pool;
    for (int i = 0; i < threads; ++i) pool.emplace_back([this] { worker(); });
    for (auto& thread : pool) thread.join();
    test_slots().set_capacity(0);
    progress_->finish();

    if (const int limited = model::rate_gate().holds(); limited > 0) {
        progress_->note("rate limits: the provider asked " + std::to_string(limited) + " time(s) to slow down; the batch waited");
    }
    std::vector<json> ordered;
    for (const auto& task : tasks_) {
        if (auto it = records_.find(task.id); it != records_.end()) ordered.push_back(it->second);
    }
    const int not_started = static_cast<int>(tasks_.size() - ordered.size());
    const std::string summary = markdown_summary(ordered, not_started);
    if (!options_.summary_file.empty()) {
        std::ofstream(options_.summary_file, std::ios::binary) << summary;
    } else if (!options_.run.quiet) {
        std::fputs(("\n" + summary).c_str(), stderr);
    }
    if (!stop_reason_.empty() && not_started > 0) {
        progress_->note("batch stopped: " + stop_reason_ + "; " + std::to_string(not_started) + " task(s) left for --resume");
    }
    if (stop_reason_ == "interrupted" || interrupt_requested()) return 130;
    if (write_failed_ || not_started > 0) return 1;
    for (const auto& record : ordered) {
        if (!passed_status(record)) return 1;
    }
    return 0;
}

} // namespace

std::filesystem::path default_report_path(const std::filesystem::path& tasks_file)
{
    std::string name = tasks_file.string();
    if (name.size() > 6 && name.compare(name.size() - 6, 6, ".jsonl") == 0) name.resize(name.size() - 6);
    return name + ".report.jsonl";
}

int run_batch(const BatchOptions& options)
{
    Batch batch(options);
    return batch.run();
}

} // namespace oneshot::batch
