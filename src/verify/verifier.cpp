#include "verify/verifier.hpp"

#include "core/interrupt.hpp"
#include "repo/git_base_files.hpp"
#include "verify/test_command.hpp"
#include "verify/worktree.hpp"

namespace oneshot::verify {

namespace {

Result<TestRun> run_tests_at(const repo::Repository& repository, const git_oid& commit, const TestCommand& command, double timeout_s)
{
    auto worktree = TemporaryWorktree::create(repository, commit);
    if (!worktree) return worktree.take_error();
    ProcessSpec spec;
    spec.command = command.command;
    spec.cwd = worktree.value()->path();
    spec.timeout_s = timeout_s;
    TestRun run{command.command, command.reason, run_process(spec)};
    if (run.process.interrupted) return make_error(ErrorKind::interrupted, "interrupted while the tests ran");
    if (run.process.spawn_failed) return make_error(ErrorKind::internal, "cannot start the tests: " + run.process.output);
    return run;
}

} // namespace

Result<std::optional<Verification>> verify_commit(const repo::Repository& repository, const git_oid& commit,
                                                  const git_oid& base, const VerifyOptions& options)
{
    std::optional<TestCommand> command;
    if (!options.command.empty()) {
        command = TestCommand{options.command, "given (--test-cmd or oneshot.testCommand)"};
    } else {
        auto tree = repository.commit_tree(commit);
        if (!tree) return tree.take_error();
        repo::GitBaseFiles files(repository, std::move(tree.value()));
        command = detect_test_command([&](const std::string& name) -> std::optional<std::string> {
            auto entry = files.lookup(name);
            if (!entry || (entry->kind != patch::EntryKind::regular && entry->kind != patch::EntryKind::executable)) return std::nullopt;
            auto bytes = files.read(name);
            return bytes ? std::optional<std::string>(std::move(bytes.value())) : std::nullopt;
        });
    }
    if (!command) return std::optional<Verification>();

    auto run = run_tests_at(repository, commit, *command, options.timeout_s);
    if (!run) return run.take_error();
    Verification verification{std::move(run.value()), std::nullopt};
    if (!verification.tests.passed()) {
        // Only a failure needs the baseline: it tells "broke" from "was already broken".
        auto baseline = run_tests_at(repository, base, *command, options.timeout_s);
        if (!baseline) return baseline.take_error();
        verification.baseline_passed = baseline->passed();
    }
    return std::optional<Verification>(std::move(verification));
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
    };
    if (process.timed_out) tests["timed_out"] = true;
    if (process.signal) tests["signal"] = process.signal;
    return tests;
}

} // namespace oneshot::verify
