// The verify stage: run the project's tests on a commit in a temporary worktree and, when they
// fail, on the base too, so the report can say whether the change broke them or they were broken.
#pragma once

#include "core/error.hpp"
#include "repo/repository.hpp"
#include "verify/process.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace oneshot::verify {

struct TestRun {
    std::string command;
    std::string reason;
    ProcessResult process;
    bool passed() const { return process.exit_code && *process.exit_code == 0; }
};

struct Verification {
    TestRun tests;                                  // on the new commit
    std::optional<bool> baseline_passed;            // same tests on the base; nullopt if not run
};

struct VerifyOptions {
    std::string command;        // explicit; empty: detect
    double timeout_s = 1800;
};

// Runs the tests. Returns nullopt when no test command is given or detected (untested).
Result<std::optional<Verification>> verify_commit(const repo::Repository& repository, const git_oid& commit,
                                                  const git_oid& base, const VerifyOptions& options);

// The report's "tests" object.
nlohmann::json to_json(const Verification& verification);

} // namespace oneshot::verify
