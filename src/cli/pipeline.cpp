// One task through the whole pipeline: context, prompt, model, patch, commit on a new branch, tests.
#include "cli/pipeline.hpp"

#include "cli/localize.hpp"

#include "cli/candidate.hpp"
#include "cli/environment.hpp"
#include "cli/land.hpp"
#include "cli/localize.hpp"
#include "context/engine.hpp"
#include "core/interrupt.hpp"
#include "model/client.hpp"
#include "patch/engine.hpp"
#include "patch/schema.hpp"
#include "prompt/builder.hpp"
#include "repo/branch.hpp"
#include "repo/git_source_tree.hpp"

#include "model/profiles.hpp"
#include "model/text_answer.hpp"
#include "verify/judge.hpp"
#include "verify/sandbox.hpp"
#include "verify/repair_prompt.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <iostream>
#include <mutex>
#include <thread>

namespace oneshot::cli {

namespace {


} // namespace

Result<model::ModelConfig> model_config(const Settings& settings, const Options& options)
{
    model::ModelConfig config;
    config.provider = settings.provider;
    config.model = settings.model;
    config.base_url = settings.base_url;
    config.api_key = settings.api_key;
    config.effort = settings.effort;
    config.stream = !options.no_stream;
    config.background = options.background;
    config.quiet = options.quiet;
    if (options.timeout_s > 0) config.timeout_s = options.timeout_s;
    if (options.idle_timeout_s > 0) config.idle_timeout_s = options.idle_timeout_s;
    config.record_dir = options.record_dir;
    config.replay_dir = options.replay_dir;
    config.answer_format = settings.answer_format.empty() ? model::profile_for(settings.model).default_answer_format
                                                          : settings.answer_format;
    if (settings.api_key_error && config.replay_dir.empty()) return *settings.api_key_error;
    return config;
}

Result<verify::SandboxConfig> sandbox_for(const Options& options, const Settings& settings)
{
    verify::SandboxConfig config;
    config.env = verify::parse_env_policy(settings.test_env);
    config.network = options.test_network;
    if (options.no_sandbox || options.no_test) return config;
    // Probed once per process: a batch asks for every task.
    static const auto probe = [] {
        auto bwrap = verify::find_bubblewrap();
        if (!bwrap) return std::make_pair(std::string(), std::string("bubblewrap (bwrap) is not installed (Debian: apt-get install bubblewrap)"));
        auto failure = verify::bubblewrap_failure(*bwrap);
        if (!failure.empty()) return std::make_pair(std::string(), "bubblewrap cannot run here: " + failure);
        return std::make_pair(bwrap->string(), std::string());
    }();
    if (!probe.first.empty()) {
        config.bwrap = probe.first;
        return config;
    }
    if (options.sandbox) return make_error(ErrorKind::config, "--sandbox: " + probe.second);
    static std::once_flag warned;
    std::call_once(warned, [&] {
        std::cerr << "git-oneshot: warning: " << probe.second
                  << "; the tests run unsandboxed (their environment is still scrubbed of secrets; --no-sandbox silences this)\n";
    });
    return config;
}

Status prepare_test_dependencies(const repo::Repository& repository, const git_oid& base, const Options& options,
                                 const Settings& settings, verify::VerifyOptions& verify_options)
{
    verify_options.allow_dependency_changes = options.allow_dependency_changes || settings.allow_dependency_changes;
    if (options.no_test) return Ok{};
    auto prepared = verify::prepare_dependencies(repository, base, verify_options.sandbox, verify_options.timeout_s, verify_options.command);
    if (!prepared) return prepared.take_error();
    if (prepared.value()) verify_options.dependencies = std::make_shared<const verify::PreparedDependencies>(std::move(*prepared.value()));
    return Ok{};
}

std::int64_t context_budget(const Settings& settings)
{
    if (settings.budget) return *settings.budget;
    // Half of what the window leaves after the answer: room for instructions, and a prompt that
    // long-context models still read well; capped, because more context costs more than it helps.
    const auto& profile = model::profile_for(settings.model);
    const std::int64_t room = (profile.context_window - profile.default_output_tokens) / 2;
    return std::clamp<std::int64_t>(room, 8000, 100000);
}

namespace {

// Errors a follow-up request can fix: the answer itself was wrong. Transport, account and
// configuration failures would only fail again.
bool repairable(const Error& error)
{
    switch (error.kind) {
    case ErrorKind::patch:
    case ErrorKind::unsafe:
    case ErrorKind::refusal:
    case ErrorKind::truncated: return true;
    default: return false;
    }
}

struct Asked {
    Result<model::Answer> answer = make_error(ErrorKind::internal, "not asked");
    model::Spending spent;
};

// N requests at once, one thread each: model::ask keeps all its state per call (its own curl
// handle, parser and retry loop; curl's global init is once-only), so calls are independent.
std::vector<Asked> ask_concurrently(const model::ModelConfig& config, const model::Prompt& prompt, int count)
{
    std::vector<Asked> asked(static_cast<std::size_t>(count));
    if (count == 1) {
        asked[0].answer = model::ask(config, prompt, asked[0].spent);
        return asked;
    }
    std::vector<std::thread> threads;
    for (int i = 0; i < count; ++i) {
        threads.emplace_back([&, i] {
            model::ModelConfig own = config;
            own.quiet = config.quiet || i > 0;   // one progress line, not N interleaved ones
            asked[static_cast<std::size_t>(i)].answer = model::ask(own, prompt, asked[static_cast<std::size_t>(i)].spent);
        });
    }
    for (auto& thread : threads) thread.join();
    return asked;
}

RunStatus status_of(const Candidate& candidate)
{
    if (!candidate.applied()) return RunStatus::error;
    if (!candidate.tests) return RunStatus::untested;
    return candidate.tests->passed() ? RunStatus::passed : RunStatus::failed;
}

AttemptReport entry_for(const Candidate& candidate)
{
    AttemptReport entry;
    entry.attempt = candidate.round;
    entry.candidate = candidate.index;
    entry.status = status_of(candidate);
    entry.chosen = candidate.chosen;
    if (candidate.patch) entry.changes = candidate.patch->changes;
    entry.diff_lines = candidate.diff_lines;
    entry.tests = candidate.tests;
    entry.usage = candidate.usage;
    entry.cost_usd = candidate.cost_usd;
    entry.error = candidate.error;
    return entry;
}

std::string diagnostics_for(const Candidate& candidate)
{
    if (candidate.error) return verify::diagnose_error(*candidate.error);
    if (candidate.tests) {
        std::string text = verify::diagnose_tests(*candidate.tests);
        if (!candidate.tests->tests.passed() && !candidate.syntax_notes.empty())
            text += "\nThe parser could not read these lines of your change (a macro may explain them; check them if the failure is a build error):\n" +
                    candidate.syntax_notes;
        return text;
    }
    return {};
}

template <class CandidatePointer>
CandidatePointer best_of(const std::vector<CandidatePointer>& list)
{
    std::vector<verify::CandidateScore> scores;
    for (const Candidate* candidate : list) scores.push_back(candidate->score());
    const auto best = verify::choose_best(scores);
    return best ? list[*best] : nullptr;
}

// One entry per model round: its best answer, with the usage and cost of every request of the round.
std::vector<AttemptReport> round_reports(const std::vector<std::unique_ptr<Candidate>>& all)
{
    std::vector<AttemptReport> reports;
    for (int round = 1; round <= all.back()->round; ++round) {
        std::vector<const Candidate*> in_round;
        for (const auto& candidate : all) {
            if (candidate->round == round) in_round.push_back(candidate.get());
        }
        AttemptReport entry = entry_for(*best_of(in_round));
        entry.chosen = false;
        entry.usage = {};
        entry.cost_usd = 0;
        for (const Candidate* candidate : in_round) {
            entry.usage += candidate->usage;
            entry.cost_usd += candidate->cost_usd;
            entry.chosen = entry.chosen || candidate->chosen;
        }
        reports.push_back(std::move(entry));
    }
    return reports;
}

std::string tests_line(const Candidate& candidate)
{
    if (!candidate.tests) return "no tests";
    const auto& tests = *candidate.tests;
    return std::string(tests.passed() ? "passed" : "failed") + " (" + verify::to_string(tests.comparison.outcome) + ")";
}

// When tests cannot separate the best candidates (same standing: all pass, or no tests), a
// reviewer model picks one. Returns the judge's pick, or null when it was not needed or failed
// (then the ranking's choice stands; report.judge says why). Only an interrupt is an error.
Result<Candidate*> judge_tie(const Candidate& ranked_best, const std::vector<Candidate*>& all, const std::string& task,
                             const model::ModelConfig& config, const Options& options, const repo::Repository& repository,
                             const git_oid& base, RunReport& report)
{
    if (!ranked_best.applied() || !verify::acceptable(ranked_best.score())) return static_cast<Candidate*>(nullptr);
    std::vector<Candidate*> tied;
    for (Candidate* candidate : all) {
        if (candidate->applied() && verify::same_standing(candidate->score(), ranked_best.score())) tied.push_back(candidate);
    }
    if (tied.size() < 2) return static_cast<Candidate*>(nullptr);
    std::vector<verify::JudgeEntry> entries;
    JudgeReport judge;
    for (std::size_t i = 0; i < tied.size(); ++i) {
        entries.push_back(verify::JudgeEntry{static_cast<int>(i + 1), tied[i]->patch->summary,
                                             diff_text(repository, base, tied[i]->commit->tree), tests_line(*tied[i])});
        judge.compared.emplace_back(tied[i]->round, tied[i]->index);
    }
    model::ModelConfig judge_config = config;
    if (!options.judge_model.empty()) judge_config.model = options.judge_model;
    judge_config.answer_format = "json";   // the verdict is a small JSON object whatever the patch format
    judge.model = judge_config.model;
    model::Spending spent;
    auto answer = model::ask(judge_config, verify::judge_prompt(task, entries), spent);
    judge.usage = answer ? answer->usage : spent.usage;
    judge.cost_usd = answer ? answer->cost_usd : spent.cost_usd;
    Candidate* pick = nullptr;
    if (!answer) {
        if (answer.error().kind == ErrorKind::interrupted || interrupt_requested()) return answer.take_error();
        judge.error = answer.take_error();
    } else if (auto verdict = verify::parse_verdict(answer->text, entries); !verdict) {
        judge.error = verdict.take_error();
    } else {
        pick = tied[static_cast<std::size_t>(verdict->winner - 1)];
        judge.winner = std::make_pair(pick->round, pick->index);
        judge.reasons = verdict->reasons;
    }
    report.judge = std::move(judge);
    return pick;
}

} // namespace

RunReport run_task(const TaskInput& input_task, const Options& options)
{
    RunReport report;
    const auto fail = [&](Error error) {
        report.status = RunStatus::error;
        report.error = std::move(error);
        return report;
    };
    const std::string& task = input_task.task;
    if (task.find_first_not_of(" \t\r\n") == std::string::npos) return fail(make_error(ErrorKind::usage, "the task is empty"));
    auto repository = repo::Repository::discover(input_task.repo_dir);
    if (!repository) return fail(repository.take_error());
    auto settings = resolve_settings(options.flags, process_environment(), git_config_of(*repository));
    if (!settings) return fail(settings.take_error());
    auto base = repository->resolve_commit(input_task.base);
    if (!base) return fail(base.take_error());
    report.base = repo::oid_hex(*base);
    auto branch = choose_branch(*repository, input_task.branch, settings->branch_prefix, task);
    if (!branch) return fail(branch.take_error());
    auto config = model_config(*settings, options);
    if (!config) return fail(config.take_error());

    // 1. context, from the base revision only.
    auto tree = repo::GitSourceTree::load(*repository, *base);
    if (!tree) return fail(tree.take_error());
    context::ContextRequest request{task, context_budget(*settings), input_task.include, {}};
    model::Spending localize_spent;
    if (options.localize) {
        auto focus = localize(*tree, request, *config, localize_spent);
        if (!focus) return fail(focus.take_error());
        request.focus = std::move(*focus);
    }
    auto pack = context::build_context(*tree, request);
    if (!pack) return fail(pack.take_error());
    if (interrupt_requested()) return fail(make_error(ErrorKind::interrupted, "interrupted"));

    // 2. prompt.
    prompt::PromptInput input;
    input.task = task;
    input.context = &pack.value();
    input.schema = patch::strict_answer_schema();
    if (config->answer_format == "text") {
        input.format = prompt::AnswerFormat::text;
        input.text_format_rules = std::string(model::text_answer_instructions());
    }
    const model::Prompt prompt = prompt::build_prompt(input);

    verify::VerifyOptions verify_options;
    if (auto sandbox = sandbox_for(options, *settings); !sandbox) {
        return fail(sandbox.take_error());
    } else {
        verify_options.sandbox = *sandbox;
    }
    verify_options.command = settings->test_command;
    verify_options.timeout_s = settings->test_timeout_s;
    if (auto prepared = prepare_test_dependencies(*repository, *base, options, *settings, verify_options); !prepared) return fail(prepared.take_error());
    // Ranking candidates by "tests fixed" needs the base's result even when they pass; it is run
    // once and cached by tree id.
    verify_options.test_retries = settings->test_retries;
    const int rounds = std::max(1, settings->attempts);
    const int per_round = std::max(1, options.candidates);
    verify_options.always_baseline = per_round > 1;

    // 3-6, once per round: answers (concurrently), each applied as an unreferenced commit and
    // tested in its own worktree; another round only while nothing acceptable came back.
    std::vector<std::unique_ptr<Candidate>> all;
    model::Usage total_usage = localize_spent.usage;
    double total_cost = localize_spent.cost_usd;
    std::string provider = config->provider;
    std::string model_name = config->model;
    bool any_answer = false;
    const Candidate* previous = nullptr;
    for (int round = 1; round <= rounds; ++round) {
        const model::Prompt round_prompt =
            round == 1 ? prompt : verify::follow_up_prompt(prompt, round, previous->answer_text, diagnostics_for(*previous));
        auto asked = ask_concurrently(*config, round_prompt, per_round);
        std::vector<const Candidate*> this_round;
        for (int i = 0; i < per_round; ++i) {
            auto& one = asked[static_cast<std::size_t>(i)];
            auto candidate = std::make_unique<Candidate>();
            candidate->round = round;
            candidate->index = i + 1;
            candidate->usage = one.spent.usage;
            candidate->cost_usd = one.spent.cost_usd;
            if (one.answer) {
                any_answer = true;
                provider = one.answer->provider;
                model_name = one.answer->model;
                candidate->usage = one.answer->usage;
                candidate->cost_usd = one.answer->cost_usd;
                candidate->answer_text = one.answer->raw_text.empty() ? one.answer->text : one.answer->raw_text;
                const std::vector<std::pair<std::string, std::string>> trailers = {
                    {"Generated-by", "git-oneshot " ONESHOT_VERSION " (" + one.answer->provider + "/" + one.answer->model + ")"}};
                apply_candidate(*candidate, one.answer->text, *repository, *base, &pack.value(), trailers, !options.no_syntax_gate);
            } else {
                candidate->error = one.answer.take_error();
            }
            total_usage += candidate->usage;
            total_cost += candidate->cost_usd;
            this_round.push_back(candidate.get());
            all.push_back(std::move(candidate));
        }
        if (interrupt_requested()) return fail(make_error(ErrorKind::interrupted, "interrupted"));
        if (!options.no_test) {
            std::vector<Candidate*> to_test;
            for (auto& candidate : all) {
                if (candidate->round == round) to_test.push_back(candidate.get());
            }
            if (auto tested = test_candidates(to_test, *repository, *base, verify_options); !tested) return fail(tested.take_error());
        }
        previous = best_of(this_round);
        // Another round only for the answer's own failure: not when it adds no failure (tests
        // failing on the base too, or flaky ones), nor when the failure was not the answer's.
        if (verify::acceptable(previous->score())) break;
        if (previous->error && !repairable(*previous->error)) break;
    }
    // Usage and cost summed over every request, failed ones included.
    if (any_answer || total_usage.input_tokens > 0 || total_usage.output_tokens > 0) {
        report.model = ModelInfo{provider, model_name, total_usage, total_cost};
    }

    // The winner over every round; only it gets a branch.
    std::vector<Candidate*> everything;
    for (const auto& candidate : all) everything.push_back(candidate.get());
    Candidate* winner = best_of(everything);
    if (options.judge && per_round > 1) {
        if (auto judged = judge_tie(*winner, everything, task, *config, options, *repository, *base, report); !judged) return fail(judged.take_error());
        else if (judged.value()) winner = judged.value();
        total_usage += report.judge ? report.judge->usage : model::Usage{};
        total_cost += report.judge ? report.judge->cost_usd : 0;
        if (report.model) {
            report.model->usage = total_usage;
            report.model->cost_usd = total_cost;
        }
    }
    winner->chosen = true;
    report.rounds = all.back()->round;
    report.max_rounds = rounds;
    if (rounds > 1) report.attempts = round_reports(all);
    if (per_round > 1) {
        for (const auto& candidate : all) report.candidates.push_back(entry_for(*candidate));
    }
    if (!winner->applied()) return fail(*winner->error);
    report.changes = winner->patch->changes;
    if (interrupt_requested()) return fail(make_error(ErrorKind::interrupted, "interrupted"));
    // --no-branch: the commit exists only as an object for the --output patch; no ref is made.
    if (!options.no_branch) {
        if (auto created = repo::create_branch(*repository, *branch, winner->commit->commit); !created) return fail(created.take_error());
        report.branch = *branch;
    }
    report.commit = repo::oid_hex(winner->commit->commit);
    report.tests = winner->tests;
    report.status = status_of(*winner);
    return report;
}

} // namespace oneshot::cli
