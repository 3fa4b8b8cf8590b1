#include "cli/run_report.hpp"

#include <cstdio>

namespace oneshot::cli {

const char* action_name(patch::Action action)
{
    switch (action) {
    case patch::Action::modify: return "modify";
    case patch::Action::create: return "create";
    case patch::Action::remove: return "delete";
    case patch::Action::rename: return "rename";
    }
    return "modify";
}

int exit_code_for(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::usage:
    case ErrorKind::config: return 2;
    case ErrorKind::model:
    case ErrorKind::network:
    case ErrorKind::refusal:
    case ErrorKind::truncated: return 3;
    case ErrorKind::patch:
    case ErrorKind::unsafe: return 4;
    case ErrorKind::interrupted: return 130;
    case ErrorKind::internal: return 70;   // EX_SOFTWARE: a bug of ours, not the user's or the model's
    }
    return 70;
}

int exit_code_for(const RunReport& report)
{
    switch (report.status) {
    case RunStatus::passed:
    case RunStatus::untested: return 0;
    case RunStatus::failed: return 1;
    case RunStatus::error: return exit_code_for(report.error ? report.error->kind : ErrorKind::internal);
    }
    return 70;
}

nlohmann::json to_json(const model::Usage& usage)
{
    return {{"input_tokens", usage.input_tokens},         {"cached_tokens", usage.cached_tokens},
            {"cache_write_tokens", usage.cache_write_tokens}, {"output_tokens", usage.output_tokens},
            {"reasoning_tokens", usage.reasoning_tokens}};
}

namespace {

const char* const kStatus[] = {"passed", "failed", "untested", "error"};

nlohmann::json changes_json(const std::vector<patch::Change>& list)
{
    nlohmann::json changes = nlohmann::json::array();
    for (const auto& change : list) {
        nlohmann::json entry = {{"path", change.path}, {"action", action_name(change.action)}};
        if (change.new_path) entry["new_path"] = *change.new_path;
        changes.push_back(std::move(entry));
    }
    return changes;
}

nlohmann::json error_json(const std::optional<Error>& error)
{
    if (!error) return nullptr;
    nlohmann::json out = {{"kind", std::string(to_string(error->kind))}, {"message", error->message}};
    if (!error->detail.empty()) out["detail"] = error->detail;
    return out;
}

nlohmann::json attempt_json(const AttemptReport& entry)
{
    return {{"attempt", entry.attempt},
            {"candidate", entry.candidate},
            {"status", kStatus[static_cast<int>(entry.status)]},
            {"chosen", entry.chosen},
            {"changes", changes_json(entry.changes)},
            {"diff_lines", entry.diff_lines},
            {"tests", entry.tests ? verify::to_json(*entry.tests) : nlohmann::json(nullptr)},
            {"usage", to_json(entry.usage)},
            {"cost_usd", entry.cost_usd},
            {"error", error_json(entry.error)}};
}

} // namespace

nlohmann::json to_json(const RunReport& report)
{
    const auto optional_string = [](const std::optional<std::string>& value) {
        return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
    };
    nlohmann::json out = {
        {"status", kStatus[static_cast<int>(report.status)]},
        {"branch", optional_string(report.branch)},
        {"commit", optional_string(report.commit)},
        {"base", report.base.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.base)},
        {"changes", changes_json(report.changes)},
        {"tests", report.tests ? verify::to_json(*report.tests) : nlohmann::json(nullptr)},
        {"model", nullptr},
        {"error", nullptr},
    };
    if (report.model) {
        out["model"] = {{"provider", report.model->provider},
                        {"model", report.model->model},
                        {"usage", to_json(report.model->usage)},
                        {"cost_usd", report.model->cost_usd}};
    }
    out["error"] = error_json(report.error);
    if (report.rounds > 0) out["rounds"] = report.rounds;
    if (!report.attempts.empty()) {
        out["attempts"] = nlohmann::json::array();
        for (const auto& entry : report.attempts) out["attempts"].push_back(attempt_json(entry));
    }
    if (report.judge) {
        const auto& judge = *report.judge;
        const auto pair_json = [](const std::pair<int, int>& p) { return nlohmann::json{{"attempt", p.first}, {"candidate", p.second}}; };
        nlohmann::json compared = nlohmann::json::array();
        for (const auto& p : judge.compared) compared.push_back(pair_json(p));
        out["judge"] = {{"model", judge.model},
                        {"compared", std::move(compared)},
                        {"winner", judge.winner ? pair_json(*judge.winner) : nlohmann::json(nullptr)},
                        {"reasons", judge.reasons},
                        {"usage", to_json(judge.usage)},
                        {"cost_usd", judge.cost_usd},
                        {"error", error_json(judge.error)}};
    }
    if (!report.candidates.empty()) {
        out["candidates"] = nlohmann::json::array();
        for (const auto& entry : report.candidates) out["candidates"].push_back(attempt_json(entry));
    }
    return out;
}

namespace {

std::string join_names(const std::vector<std::string>& names, std::size_t limit = 10)
{
    std::string text;
    for (std::size_t i = 0; i < names.size() && i < limit; ++i) text += (i ? ", " : "") + names[i];
    if (names.size() > limit) text += ", ... (" + std::to_string(names.size()) + " in all)";
    return text;
}

} // namespace

std::string tests_summary(const verify::Verification& verification)
{
    std::string text;
    const auto& run = verification.tests;
    const auto& comparison = verification.comparison;
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.1f s", run.process.duration_s);
    text += "tests chosen: " + run.command + " (" + run.reason + ")\n";
    text += run.sandboxed ? "tests ran in the sandbox (bubblewrap)\n" : "tests ran without a sandbox (environment scrubbed of secrets)\n";
    if (const auto& deps = run.dependencies) {
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.1f s", deps->prepare_s);
        text += "test dependencies (" + deps->ecosystem + "): " + verify::to_string(deps->state);
        if (deps->state == verify::DependencyState::prepared) text += std::string(" in ") + seconds;
        text += deps->message.empty() ? "\n" : " - " + deps->message + "\n";
    }
    if (run.not_verified()) text += "NOT VERIFIED: the tests fail, but the change's dependencies were not installed\n";
    const auto flaky = verify::flaky_names_for_report(comparison.flaky);
    const std::string flaky_line = flaky.empty() ? std::string()
                                                 : "  flaky, not counted against the change (passed and failed on the same revision over " +
                                                       std::to_string(verification.change_runs) + " runs of the change and " +
                                                       std::to_string(verification.base_runs) + " of the base): " + join_names(flaky) + "\n";
    if (verification.passed() && !run.passed()) {
        text += "tests passed on re-runs: " + run.command + " (the first run failed only in flaky tests)\n" + flaky_line;
        return text;
    }
    if (run.passed()) {
        text += "tests passed: " + run.command + " (" + duration + ")\n";
        if (comparison.outcome == verify::Outcome::fixed) {
            text += "  they failed on the base revision: the change fixed them";
            text += comparison.fixed.empty() ? std::string("\n") : " (" + join_names(comparison.fixed) + ")\n";
        }
        return text;
    }
    text += "tests FAILED: " + run.command + " (" + duration;
    text += run.process.timed_out ? ", timed out)\n"
                                  : ", exit " + (run.process.exit_code ? std::to_string(*run.process.exit_code) : std::string("by signal")) + ")\n";
    if (!run.failing.empty()) text += "  failing: " + join_names(run.failing) + "\n";
    if (!run.names_known) text += "  failing tests: names unknown (the runner's output format was not recognised)\n";
    text += flaky_line;
    if (verification.baseline_passed) {
        if (*verification.baseline_passed && comparison.outcome == verify::Outcome::broke) {
            const bool retried = verification.change_runs > 1;
            text += std::string("  they pass on the base revision: the change broke them") +
                    (retried ? " (failed in every one of " + std::to_string(verification.change_runs) + " runs)" : "") + "\n";
        } else if (*verification.baseline_passed) {
            text += "  they pass on the base revision\n";
            text += "  they pass on the base revision: the change broke them\n";
        } else if (comparison.outcome == verify::Outcome::still_failing) {
            text += "  they fail on the base revision too: the failure is pre-existing and the change breaks nothing new\n";
        } else {
            text += "  they fail on the base revision too, but the change breaks more: " + join_names(comparison.broke) + "\n";
        }
    }
    if (!comparison.fixed.empty() && !run.passed()) text += "  fixed by the change: " + join_names(comparison.fixed) + "\n";
    text += "---- test output (tail) ----\n" + run.process.output;
    if (!run.process.output.empty() && run.process.output.back() != '\n') text += "\n";
    text += "----\n";
    return text;
}

namespace {

// "  attempt 2: ..." or, for candidates, "  candidate 1.3: ..." (round 1, candidate 3).
std::string attempt_line(bool candidate, const AttemptReport& entry)
{
    std::string line = candidate ? "  candidate " + std::to_string(entry.attempt) + "." + std::to_string(entry.candidate)
                                 : "  attempt " + std::to_string(entry.attempt);
    line += ": ";
    if (entry.error) {
        line += std::string(to_string(entry.error->kind)) + " error: " + entry.error->message;
    } else if (entry.tests) {
        line += std::string(entry.tests->passed() ? "tests passed" : "tests failed") + " (" + verify::to_string(entry.tests->comparison.outcome) + ")";
    } else {
        line += "applied, untested";
    }
    if (!entry.error) line += ", " + std::to_string(entry.diff_lines) + " lines changed";
    char cost[64];
    std::snprintf(cost, sizeof cost, ", %lld tokens, $%.4f", static_cast<long long>(entry.usage.input_tokens + entry.usage.output_tokens), entry.cost_usd);
    line += cost;
    if (entry.chosen) line += "  <- chosen";
    return line + "\n";
}

} // namespace

std::string human_summary(const RunReport& report)
{
    std::string text;
    if (!report.attempts.empty()) {
        text += std::to_string(report.rounds) + (report.rounds == 1 ? " round" : " rounds") + " of at most " + std::to_string(report.max_rounds) +
                ":\n";
        for (const auto& entry : report.attempts) text += attempt_line(false, entry);
    }
    if (!report.candidates.empty()) {
        text += "candidates:\n";
        for (const auto& entry : report.candidates) text += attempt_line(true, entry);
    }
    if (report.judge) {
        if (report.judge->winner) {
            text += "judge " + report.judge->model + " chose candidate " + std::to_string(report.judge->winner->first) + "." +
                    std::to_string(report.judge->winner->second) + ": " + report.judge->reasons + "\n";
        } else if (report.judge->error) {
            text += "judge " + report.judge->model + " failed (" + report.judge->error->message + "); the ranking's choice stands\n";
        }
    }
    if (report.branch && report.commit) {
        text += "git-oneshot: created branch " + *report.branch + " at " + report.commit->substr(0, 12) + " (" +
                std::to_string(report.changes.size()) + " file" + (report.changes.size() == 1 ? "" : "s") + " changed)\n";
        for (const auto& change : report.changes) {
            text += std::string("  ") + action_name(change.action) + " " + change.path;
            if (change.new_path) text += " -> " + *change.new_path;
            text += "\n";
        }
    }
    if (report.tests) {
        text += tests_summary(*report.tests);
        if (report.status == RunStatus::failed && report.rounds < report.max_rounds) {
            text += "  no repair round: the failures are not the change's (they fail on the base revision too)\n";
        }
    } else if (report.status == RunStatus::untested) {
        text += "tests not run (--no-test, or no test command detected: set --test-cmd or oneshot.testCommand)\n";
    }
    if (report.model) {
        const auto& u = report.model->usage;
        char line[256];
        std::snprintf(line, sizeof line, "model %s/%s: %lld input (%lld cached), %lld output (%lld reasoning) tokens, $%.4f\n",
                      report.model->provider.c_str(), report.model->model.c_str(), static_cast<long long>(u.input_tokens),
                      static_cast<long long>(u.cached_tokens), static_cast<long long>(u.output_tokens),
                      static_cast<long long>(u.reasoning_tokens), report.model->cost_usd);
        text += line;
    }
    if (report.error) {
        text += "git-oneshot: error (" + std::string(to_string(report.error->kind)) + "): " + report.error->message + "\n";
        if (!report.error->detail.empty()) text += report.error->detail + (report.error->detail.back() == '\n' ? "" : "\n");
    }
    return text;
}

} // namespace oneshot::cli
