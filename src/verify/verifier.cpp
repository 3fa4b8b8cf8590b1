#include "verify/verifier.hpp"

#include "core/interrupt.hpp"
#include "repo/git_base_files.hpp"
#include "repo/git_handles.hpp"
#include "verify/baseline_cache.hpp"
#include "verify/failing_tests.hpp"
#include "verify/sandbox.hpp"
#include "verify/worktree.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

namespace oneshot::verify {

namespace {

// Where JUnit-style runners (Maven Surefire/Failsafe, Gradle) leave their XML reports.
constexpr const char* kJunitDirs[] = {"target/surefire-reports", "target/failsafe-reports", "build/test-results"};
constexpr std::size_t kMaxJunitFiles = 500;
constexpr std::uintmax_t kMaxJunitBytes = 16u << 20;

std::vector<std::string> junit_failures_under(const std::filesystem::path& dir, bool& found_any)
{
    std::vector<std::string> names;
    std::size_t files = 0;
    for (const char* relative : kJunitDirs) {
        std::error_code error;
        const auto root = dir / relative;
        if (!std::filesystem::is_directory(root, error)) continue;
        for (auto it = std::filesystem::recursive_directory_iterator(root, error);
             !error && it != std::filesystem::recursive_directory_iterator() && files < kMaxJunitFiles; it.increment(error)) {
            if (!it->is_regular_file(error) || it->path().extension() != ".xml" || it->file_size(error) > kMaxJunitBytes) continue;
            ++files;
            std::ifstream in(it->path(), std::ios::binary);
            const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            if (xml.find("<testsuite") == std::string::npos) continue;
            found_any = true;
            auto found = failing_tests_in_junit_xml(xml);
            names.insert(names.end(), found.begin(), found.end());
        }
    }
    return names;
}

std::vector<std::string> root_names(const repo::Repository& repository, const git_oid& commit)
{
    std::vector<std::string> names;
    auto tree = repository.commit_tree(commit);
    if (!tree) return names;
    const std::size_t count = git_tree_entrycount(tree->get());
    for (std::size_t i = 0; i < count; ++i) names.emplace_back(git_tree_entry_name(git_tree_entry_byindex(tree->get(), i)));
    return names;
}

Result<std::string> tree_hex(const repo::Repository& repository, const git_oid& commit)
{
    auto tree = repository.commit_tree(commit);
    if (!tree) return tree.take_error();
    return repo::oid_hex(*git_tree_id(tree->get()));
}

} // namespace

RunFacts TestRun::facts() const
{
    return RunFacts{passed(), process.timed_out, process.exit_code, names_known, failing};
}

Result<std::optional<TestCommand>> test_command_for(const repo::Repository& repository, const git_oid& commit,
                                                    const std::string& explicit_command)
{
    if (!explicit_command.empty()) {
        return std::optional<TestCommand>(TestCommand{explicit_command, "given (--test-cmd or oneshot.testCommand)"});
    }
    auto tree = repository.commit_tree(commit);
    if (!tree) return tree.take_error();
    repo::GitBaseFiles files(repository, std::move(tree.value()));
    return detect_test_command(
        [&](const std::string& name) -> std::optional<std::string> {
            auto entry = files.lookup(name);
            if (!entry || (entry->kind != patch::EntryKind::regular && entry->kind != patch::EntryKind::executable)) return std::nullopt;
            auto bytes = files.read(name);
            return bytes ? std::optional<std::string>(std::move(bytes.value())) : std::nullopt;
        },
        root_names(repository, commit));
}

TestRun run_tests_in(const std::filesystem::path& dir, const TestCommand& command, double timeout_s, const std::string& sandbox)
{
    ProcessSpec spec;
    spec.command = command.command;
    if (!sandbox.empty()) spec.argv = sandbox_argv(sandbox, dir, command.command);
    spec.cwd = dir;
    spec.timeout_s = timeout_s;
    TestRun run{command.command, command.reason, run_process(spec), false, {}};
    const auto from_output = failing_tests_in_output(run.process.output);
    bool junit = false;
    auto names = junit_failures_under(dir, junit);
    names.insert(names.end(), from_output.names.begin(), from_output.names.end());
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    // A passing run has no failing names even when no format was recognised.
    run.names_known = junit || from_output.known() || run.passed();
    run.failing = std::move(names);
    return run;
}

Result<TestRun> run_tests_at(const repo::Repository& repository, const git_oid& commit, const TestCommand& command, double timeout_s,
                             const std::string& sandbox)
{
    if (interrupt_requested()) return make_error(ErrorKind::interrupted, "interrupted before the tests ran");
    auto worktree = TemporaryWorktree::create(repository, commit);
    if (!worktree) return worktree.take_error();
    TestRun run = run_tests_in(worktree.value()->path(), command, timeout_s, sandbox);
    if (run.process.interrupted) return make_error(ErrorKind::interrupted, "interrupted while the tests ran");
    if (run.process.spawn_failed) return make_error(ErrorKind::internal, "cannot start the tests: " + run.process.output);
    return run;
}

Result<std::pair<RunFacts, bool>> baseline_for(const repo::Repository& repository, const git_oid& base,
                                               const TestCommand& command, double timeout_s, const std::string& sandbox)
{
    auto tree = tree_hex(repository, base);
    if (!tree) return tree.take_error();
    const auto file = baseline_path(repository.git_dir(), *tree, command.command);
    if (auto cached = load_baseline(file); cached && cached->command == command.command) {
        return std::make_pair(cached->facts, true);
    }
    auto run = run_tests_at(repository, base, command, timeout_s, sandbox);
    if (!run) return run.take_error();
    // A timed-out run says more about the timeout than about the base: do not keep it.
    if (!run->process.timed_out) store_baseline(file, BaselineRecord{run->facts(), run->process.duration_s, command.command});
    return std::make_pair(run->facts(), false);
}

Result<Verification> compare_with_base(const repo::Repository& repository, const git_oid& base, const TestCommand& command,
                                       TestRun change, const VerifyOptions& options)
{
    Verification verification;
    verification.tests = std::move(change);
    // The baseline is consulted by need, never because a cache happens to hold it: a report must not
    // depend on what earlier runs left behind (a resumed batch reports exactly what a fresh one does).
    const bool need_base = !verification.tests.passed() || options.always_baseline;
    if (need_base) {
        auto baseline = baseline_for(repository, base, command, options.timeout_s, options.sandbox);
        if (!baseline) return baseline.take_error();
        verification.baseline = baseline->first;
        verification.baseline_cached = baseline->second;
        verification.baseline_passed = baseline->first.passed;
    }
    verification.comparison = compare_runs(verification.baseline, verification.tests.facts());
    return verification;
}

Result<std::optional<Verification>> verify_commit(const repo::Repository& repository, const git_oid& commit,
                                                  const git_oid& base, const VerifyOptions& options)
{
    auto command = test_command_for(repository, commit, options.command);
    if (!command) return command.take_error();
    if (!command.value()) return std::optional<Verification>();
    auto run = run_tests_at(repository, commit, **command, options.timeout_s, options.sandbox);
    if (!run) return run.take_error();
    auto verification = compare_with_base(repository, base, **command, std::move(run.value()), options);
    if (!verification) return verification.take_error();
    return std::optional<Verification>(std::move(verification.value()));
}

} // namespace oneshot::verify
