#include "verify/verifier.hpp"

#include "core/interrupt.hpp"
#include "repo/git_base_files.hpp"
#include "repo/git_handles.hpp"
#include "verify/baseline_cache.hpp"
#include "verify/failing_tests.hpp"
#include "verify/flakiness.hpp"
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

// The failing tests of one JUnit XML file, if it exists (then `found` is set).
std::vector<std::string> junit_failures_in(const std::filesystem::path& file, bool& found)
{
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error) || std::filesystem::file_size(file, error) > kMaxJunitBytes) return {};
    std::ifstream in(file, std::ios::binary);
    const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (xml.find("<testsuite") == std::string::npos) return {};
    found = true;
    return failing_tests_in_junit_xml(xml);
}

std::vector<std::string> junit_failures_under(const std::filesystem::path& dir)
{
    std::vector<std::string> names;
    std::size_t files = 0;
    for (const char* relative : kJunitDirs) {
        std::error_code error;
        const auto root = dir / relative;
        if (!std::filesystem::is_directory(root, error)) continue;
        for (auto it = std::filesystem::recursive_directory_iterator(root, error);
             !error && it != std::filesystem::recursive_directory_iterator() && files < kMaxJunitFiles; it.increment(error)) {
            if (!it->is_regular_file(error) || it->path().extension() != ".xml") continue;
            ++files;
            bool found = false;
            auto failing = junit_failures_in(it->path(), found);
            names.insert(names.end(), failing.begin(), failing.end());
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

// Unsandboxed, prepared folders inside the tree (node_modules) are symlinks to the cache entry.
void link_tree_mounts(const std::filesystem::path& dir, const SandboxConfig& sandbox)
{
    for (const auto& mount : sandbox.read_only) {
        if (mount.target.empty() || mount.target[0] == '/') continue;
        std::error_code error;
        const auto link = dir / mount.target;
        if (!std::filesystem::exists(std::filesystem::symlink_status(link, error))) std::filesystem::create_directory_symlink(mount.source, link, error);
    }
}

} // namespace

SandboxConfig with_git_dir(SandboxConfig sandbox, const repo::Repository& repository)
{
    // The worktree's .git file points into the repository's git dir: git commands in the tests
    // need it, read-only.
    const std::string git_dir = std::filesystem::path(repository.git_dir()).lexically_normal().string();
    sandbox.read_only.push_back(ReadOnlyMount{git_dir, git_dir});
    return sandbox;
}

Result<TestSetup> test_setup_for(const repo::Repository& repository, const git_oid& commit, const TestCommand& command,
                                 const VerifyOptions& options)
{
    TestSetup setup{command, with_git_dir(options.sandbox, repository), std::nullopt};
    if (!options.dependencies) return setup;
    std::shared_ptr<const PreparedDependencies> use = options.dependencies;
    setup.dependencies = use->report;
    auto key = dependency_key_at(repository, commit);
    if (!key) return key.take_error();
    if (key.value() && *key.value() != use->key) {
        if (options.allow_dependency_changes) {
            auto own = prepare_dependencies(repository, commit, options.sandbox, options.timeout_s, options.command);
            if (!own) return own.take_error();
            if (own.value()) use = std::make_shared<const PreparedDependencies>(std::move(*own.value()));
            setup.dependencies = use->report;
        } else {
            setup.dependencies->change_not_installed = true;
            setup.dependencies->state = DependencyState::not_installed;
            setup.dependencies->prepare_s = 0;
            setup.dependencies->message = "the change alters the dependency manifests; its dependencies were not installed "
                                          "(--allow-dependency-changes installs them); the tests ran with the base's";
        }
    }
    use_dependencies(*use, setup.sandbox, setup.command);
    return setup;
}

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

TestRun run_tests_in(const std::filesystem::path& dir, const TestCommand& command, double timeout_s, const SandboxConfig& sandbox)
{
    ProcessSpec spec;
    spec.command = command.command;
    if (!sandbox.enabled()) link_tree_mounts(dir, sandbox);
    spec.env = sandbox.env_set;
    if (sandbox.enabled()) spec.argv = sandbox_argv(sandbox, host_layout(), dir, command.command);
    spec.cwd = dir;
    spec.timeout_s = timeout_s;
    spec.env_policy = sandbox.env;
    TestRun run{command.command, command.reason, run_process(spec), false, {}, false, std::nullopt};
    run.sandboxed = sandbox.enabled();
    const auto secrets = secret_values(current_environment(), sandbox.env);
    run.process.output = redact(std::move(run.process.output), secrets);
    run.command = redact(std::move(run.command), secrets);   // a configured command may hold a key too
    auto names = junit_failures_under(dir);
    // Our own command's structured results name the tests exactly; the text parsers are for
    // commands we did not choose (and runs that died before writing a report).
    bool structured = false;
    for (const char* relative : kStructuredResults) {
        auto found = junit_failures_in(dir / relative, structured);
        names.insert(names.end(), found.begin(), found.end());
    }
    if (!structured) {
        const auto from_output = failing_tests_in_output(run.process.output);
        names.insert(names.end(), from_output.names.begin(), from_output.names.end());
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    // A passing run has no failing names even when no format was recognised. A failed run's names
    // are known only when some were found: a JUnit report of passes beside a build error names
    // nothing, and `failing` must never be empty for a failed run whose names are "known".
    run.names_known = run.passed() || !names.empty();
    run.failing = std::move(names);
    return run;
}

Result<TestRun> run_tests_at(const repo::Repository& repository, const git_oid& commit, const TestCommand& command, double timeout_s,
                             const SandboxConfig& sandbox)
{
    if (interrupt_requested()) return make_error(ErrorKind::interrupted, "interrupted before the tests ran");
    auto worktree = TemporaryWorktree::create(repository, commit);
    if (!worktree) return worktree.take_error();
    TestRun run = run_tests_in(worktree.value()->path(), command, timeout_s, sandbox);
    if (run.process.interrupted) return make_error(ErrorKind::interrupted, "interrupted while the tests ran");
    if (run.process.spawn_failed) return make_error(ErrorKind::internal, "cannot start the tests: " + run.process.output);
    return run;
}

Result<std::pair<BaselineRecord, bool>> baseline_for(const repo::Repository& repository, const git_oid& base,
                                                     const TestCommand& command, double timeout_s, const SandboxConfig& sandbox)
{
    auto tree = tree_hex(repository, base);
    if (!tree) return tree.take_error();
    const auto file = baseline_path(repository.git_dir(), *tree, command.command);
    if (auto cached = load_baseline(file); cached && cached->command == command.command) return std::make_pair(std::move(*cached), true);
    auto run = run_tests_at(repository, base, command, timeout_s, sandbox);
    if (!run) return run.take_error();
    BaselineRecord record{run->facts(), run->process.duration_s, command.command, {}};
    // A timed-out run says more about the timeout than about the base: do not keep it.
    if (!run->process.timed_out) store_baseline(file, record);
    return std::make_pair(std::move(record), false);
}

namespace {

// One more run of the base for the flakiness check, added to its cached record (timed-out runs
// are not kept, as for the first).
Result<RunFacts> rerun_base(const repo::Repository& repository, const git_oid& base, const TestSetup& setup,
                            const VerifyOptions& options, BaselineRecord& record)
{
    const TestCommand& command = setup.command;
    auto run = run_tests_at(repository, base, command, options.timeout_s, setup.sandbox);
    if (!run) return run.take_error();
    if (run->process.timed_out) return run->facts();
    record.reruns.push_back(run->facts());
    auto tree = tree_hex(repository, base);
    if (tree) store_baseline(baseline_path(repository.git_dir(), *tree, command.command), record);
    return run->facts();
}

// Re-runs the suspects' command on the change and on the base until each suspect is shown flaky
// or the retries are spent; the base's cached re-runs count before any new one is made. Then the
// comparison is decided by the tests that failed every time.
Status settle_flakiness(const repo::Repository& repository, const git_oid& base, const git_oid& commit, const TestCommand& command,
                        const VerifyOptions& options, const TestSetup& base_setup, BaselineRecord& record, Verification& verification)
{
    // A run that timed out is not repeated: each repeat would cost the whole timeout again.
    if (verification.tests.process.timed_out) return Ok{};
    const auto suspects = retry_suspects(verification.baseline, verification.tests.facts());
    if (suspects.empty() || options.test_retries <= 0) return Ok{};
    // Each revision re-runs as it ran first: its own command, sandbox and prepared dependencies.
    auto change_setup = test_setup_for(repository, commit, command, options);
    if (!change_setup) return change_setup.take_error();
    std::vector<RunFacts> change_runs{verification.tests.facts()};
    std::vector<RunFacts> base_runs{record.facts};
    for (int retry = 0; retry < options.test_retries && !all_flaky(suspects, change_runs, base_runs); ++retry) {
        auto again = run_tests_at(repository, commit, change_setup->command, options.timeout_s, change_setup->sandbox);
        if (!again) return again.take_error();
        change_runs.push_back(again->facts());
        if (all_flaky(suspects, change_runs, base_runs)) break;
        const auto index = static_cast<std::size_t>(retry);
        if (index < record.reruns.size()) {
            base_runs.push_back(record.reruns[index]);
        } else {
            auto base_again = rerun_base(repository, base, base_setup, options, record);
            if (!base_again) return base_again.take_error();
            base_runs.push_back(*base_again);
        }
    }
    auto flaky = flaky_among(suspects, change_runs);
    const auto flaky_on_base = flaky_among(suspects, base_runs);
    flaky.insert(flaky.end(), flaky_on_base.begin(), flaky_on_base.end());
    verification.comparison = compare_with_flaky(verification.baseline, verification.tests.facts(), std::move(flaky));
    verification.change_runs = static_cast<int>(change_runs.size());
    verification.base_runs = static_cast<int>(base_runs.size());
    return Ok{};
}

} // namespace

Result<Verification> compare_with_base(const repo::Repository& repository, const git_oid& base, const git_oid& commit,
                                       const TestCommand& command, TestRun change, const VerifyOptions& options)
{
    Verification verification;
    verification.tests = std::move(change);
    // The baseline is consulted by need, never because a cache happens to hold it: a report must not
    // depend on what earlier runs left behind (a resumed batch reports exactly what a fresh one does).
    const bool need_base = !verification.tests.passed() || options.always_baseline;
    if (need_base) {
        auto setup = test_setup_for(repository, base, command, options);
        if (!setup) return setup.take_error();
        auto baseline = baseline_for(repository, base, setup->command, options.timeout_s, setup->sandbox);
        if (!baseline) return baseline.take_error();
        verification.baseline = baseline->first.facts;
        verification.baseline_cached = baseline->second;
        verification.baseline_passed = baseline->first.facts.passed;
        verification.base_runs = 1;
        verification.comparison = compare_runs(verification.baseline, verification.tests.facts());
        if (auto settled = settle_flakiness(repository, base, commit, command, options, *setup, baseline->first, verification); !settled) {
            return settled.take_error();
        }
        return verification;
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
    auto setup = test_setup_for(repository, commit, **command, options);
    if (!setup) return setup.take_error();
    auto run = run_tests_at(repository, commit, setup->command, options.timeout_s, setup->sandbox);
    if (!run) return run.take_error();
    run->dependencies = setup->dependencies;
    auto verification = compare_with_base(repository, base, commit, **command, std::move(run.value()), options);
    if (!verification) return verification.take_error();
    return std::optional<Verification>(std::move(verification.value()));
}


} // namespace oneshot::verify
