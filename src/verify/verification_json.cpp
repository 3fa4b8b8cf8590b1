// The run report's `tests` object (design.md): its own file so that the JSON edge can be
// exercised (tests/fuzz) without the process, worktree and sandbox code behind a test run.
#include "verify/verifier.hpp"

namespace oneshot::verify {

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
    };
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
