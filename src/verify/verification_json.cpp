// The run report's `tests` object (design.md): its own file so that the JSON edge can be
// exercised (tests/fuzz) without the process, worktree and sandbox code behind a test run.
#include "verify/flakiness.hpp"
#include "verify/verifier.hpp"

namespace oneshot::verify {

// Here rather than in verifier.cpp: the report writers (fuzzed without processes and worktrees) need it.
bool Verification::passed() const
{
    if (tests.passed()) return true;
    // Failed, but every failure proved flaky: the consistent verdict is a pass.
    return !comparison.flaky.empty() && comparison.broke.empty() && comparison.still_failing.empty() &&
           (comparison.outcome == Outcome::passed || comparison.outcome == Outcome::unchanged || comparison.outcome == Outcome::fixed);
}

std::vector<std::string> flaky_names_for_report(const std::vector<std::string>& flaky)
{
    std::vector<std::string> names;
    for (const auto& name : flaky) names.push_back(name == kWholeRun ? std::string(kWholeRunLabel) : name);
    return names;
}


nlohmann::json to_json(const Verification& verification)
{
    const auto& process = verification.tests.process;
    nlohmann::json tests = {
        {"command", verification.tests.command},
        {"reason", verification.tests.reason},
        {"exit_code", process.exit_code ? nlohmann::json(*process.exit_code) : nlohmann::json(nullptr)},
        {"duration_s", process.duration_s},
        {"baseline", verification.baseline_passed ? nlohmann::json(*verification.baseline_passed ? "passed" : "failed")
                                                  : nlohmann::json(nullptr)},
        {"outcome", to_string(verification.comparison.outcome)},
        {"pre_existing", verification.comparison.outcome == Outcome::still_failing},
        {"failing", verification.tests.failing},
        {"fixed", verification.comparison.fixed},
        {"broke", verification.comparison.broke},
        {"still_failing", verification.comparison.still_failing},
        {"flaky", flaky_names_for_report(verification.comparison.flaky)},
        {"runs", {{"change", verification.change_runs}, {"base", verification.base_runs}}},
    };
    // A failed run whose failing tests could not be named says so, rather than an empty list
    // that reads as "nothing failed".
    if (!verification.tests.passed() && !verification.tests.names_known) tests["names"] = "unknown";
    tests["sandbox"] = verification.tests.sandboxed ? "bubblewrap" : "none";
    if (const auto& deps = verification.tests.dependencies) {
        tests["dependencies"] = {{"ecosystem", deps->ecosystem}, {"state", to_string(deps->state)}, {"prepare_s", deps->prepare_s},
                                 {"message", deps->message.empty() ? nlohmann::json(nullptr) : nlohmann::json(deps->message)}};
    }
    if (verification.tests.not_verified()) tests["verdict"] = "not verified";
    if (process.timed_out) tests["timed_out"] = true;
    if (process.signal) tests["signal"] = process.signal;
    return tests;
}

} // namespace oneshot::verify
