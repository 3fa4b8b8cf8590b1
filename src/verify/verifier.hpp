// The verify stage: run the project's tests on a commit in a temporary worktree, compare with the
// same tests on the base (cached by tree id), and say what the change did.
#pragma once

#include "core/error.hpp"
#include "repo/repository.hpp"
#include "verify/baseline_cache.hpp"
#include "verify/comparison.hpp"
#include "verify/dependency_cache.hpp"
#include "verify/process.hpp"
#include "verify/sandbox.hpp"
#include "verify/test_command.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace oneshot::verify {

struct TestRun {
    std::string command;
    std::string reason;
    ProcessResult process;
    bool names_known = false;                 // a known runner format (or JUnit XML) was found
    std::vector<std::string> failing;         // failing test names, sorted
    bool sandboxed = false;                   // ran under bubblewrap
    std::optional<DependencyReport> dependencies;   // prepared dependencies used (or not installed)
    // The change altered the manifests without permission and its tests failed: the failure may be
    // a missing dependency, so the run is not verified rather than failed by the change.
    bool not_verified() const { return dependencies && dependencies->change_not_installed && !passed(); }
    bool passed() const { return process.exit_code && *process.exit_code == 0; }
    RunFacts facts() const;
};

struct Verification {
    TestRun tests;                                  // on the new commit (its first run)
    std::optional<bool> baseline_passed;            // same tests on the base; nullopt if not run
    std::optional<RunFacts> baseline;               // the base's facts, when known
    bool baseline_cached = false;                   // the base's result came from the cache
    Comparison comparison;                          // decided by consistent failures (flaky ones aside)
    int change_runs = 1;                            // runs on the change, re-runs for flakiness included
    int base_runs = 0;                              // runs on the base (cached ones included)
    // The change's tests pass: the first run did, or its only failures proved flaky on re-runs.
    bool passed() const;
};

struct VerifyOptions {
    std::string command;        // explicit; empty: detect
    double timeout_s = 1800;
    // Run (or read from the cache) the base's tests even when the change passes (to report "fixed").
    bool always_baseline = false;
    SandboxConfig sandbox;      // the environment policy, and bubblewrap unless --no-sandbox
    // The base's prepared dependencies (prepare_dependencies), shared by every test run; null: none.
    std::shared_ptr<const PreparedDependencies> dependencies;
    bool allow_dependency_changes = false;   // --allow-dependency-changes: a change's manifests are installed
    // Re-runs, on the change and on the base, of tests that fail on the change but passed on the
    // base, to tell flaky tests from broken ones (oneshot.testRetries).
    int test_retries = 2;
};

// The test command: the explicit one, or detected from the files at the commit's root; nullopt
// when there is none (untested).
Result<std::optional<TestCommand>> test_command_for(const repo::Repository& repository, const git_oid& commit,
                                                    const std::string& explicit_command);

// Runs the command in an existing folder and reads the failing names (output, JUnit XML reports).
// No libgit2: safe to call from several threads at once. `interrupted` is set in the result.
// The output is redacted: values of the secrets the environment policy withholds never appear.
TestRun run_tests_in(const std::filesystem::path& dir, const TestCommand& command, double timeout_s, const SandboxConfig& sandbox = {});

// The sandbox plus a read-only view of the repository's git dir (a worktree's .git points there).
SandboxConfig with_git_dir(SandboxConfig sandbox, const repo::Repository& repository);

// How to test `commit`: the command without an install step the prepared dependencies replace,
// the sandbox with their mounts and the git dir, and the dependency report. A change that alters
// the manifests gets its own entry when allowed; otherwise the base's, and a "not installed" report.
struct TestSetup {
    TestCommand command;
    SandboxConfig sandbox;
    std::optional<DependencyReport> dependencies;
};
Result<TestSetup> test_setup_for(const repo::Repository& repository, const git_oid& commit, const TestCommand& command,
                                 const VerifyOptions& options);

// A fresh temporary worktree of the commit, the tests in it, the worktree removed.
Result<TestRun> run_tests_at(const repo::Repository& repository, const git_oid& commit, const TestCommand& command, double timeout_s,
                             const SandboxConfig& sandbox = {});

// The base's result: from the cache, or run (and cached unless it timed out).
// Returns the record (with any cached re-runs) and whether it came from the cache.
Result<std::pair<BaselineRecord, bool>> baseline_for(const repo::Repository& repository, const git_oid& base,
                                                     const TestCommand& command, double timeout_s, const SandboxConfig& sandbox = {});

// The change's run completed with the base's result when needed (the change failed, or
// always_baseline). Tests that fail on the change (`commit`) but passed on the base are re-run on
// both, up to options.test_retries times, each in a fresh worktree; the base's re-runs are cached
// with its result.
Result<Verification> compare_with_base(const repo::Repository& repository, const git_oid& base, const git_oid& commit,
                                       const TestCommand& command, TestRun change, const VerifyOptions& options);

// Runs the tests. Returns nullopt when no test command is given or detected (untested).
Result<std::optional<Verification>> verify_commit(const repo::Repository& repository, const git_oid& commit,
                                                  const git_oid& base, const VerifyOptions& options);

// How the report and the text name kWholeRun (flakiness.hpp) among flaky tests.
inline constexpr const char* kWholeRunLabel = "(the whole test run)";
std::vector<std::string> flaky_names_for_report(const std::vector<std::string>& flaky);

// The report's "tests" object.
nlohmann::json to_json(const Verification& verification);

} // namespace oneshot::verify
