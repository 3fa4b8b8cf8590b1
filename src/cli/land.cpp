#include "cli/land.hpp"

#include "batch/test_slots.hpp"
#include "core/interrupt.hpp"
#include "repo/branch.hpp"
#include "repo/commit_writer.hpp"
#include "repo/identity.hpp"

namespace oneshot::cli {

Result<std::string> choose_branch(const repo::Repository& repository, const std::string& explicit_name,
                                  const std::string& prefix, const std::string& hint)
{
    if (!explicit_name.empty()) {
        if (!repo::valid_branch_name(explicit_name)) {
            return make_error(ErrorKind::usage, "'" + explicit_name + "' is not a valid branch name");
        }
        if (repo::branch_exists(repository, explicit_name)) {
            return make_error(ErrorKind::usage, "branch '" + explicit_name + "' already exists");
        }
        return explicit_name;
    }
    const std::string wanted = prefix + repo::task_slug(hint);
    if (!repo::valid_branch_name(wanted)) {
        return make_error(ErrorKind::config, "oneshot.branchPrefix '" + prefix + "' does not make a valid branch name");
    }
    return repo::unique_branch_name(wanted, [&](const std::string& name) { return repo::branch_exists(repository, name); });
}

void land_change(const repo::Repository& repository, const git_oid& base, const patch::ResolvedPatch& patch,
                 const LandOptions& options, RunReport& report)
{
    report.changes = patch.changes;
    const auto fail = [&](Error error) {
        report.status = RunStatus::error;
        report.error = std::move(error);
    };
    auto author = repo::identity_for(repo::Role::author, repository);
    if (!author) return fail(author.take_error());
    auto committer = repo::identity_for(repo::Role::committer, repository);
    if (!committer) return fail(committer.take_error());

    const std::string message = repo::commit_message(patch.summary, patch.explanation, options.trailers);
    auto commit = repo::write_commit(repository, base, patch, message, *author, *committer);
    if (!commit) return fail(commit.take_error());
    if (interrupt_requested()) return fail(make_error(ErrorKind::interrupted, "interrupted"));

    // Tests first, branch last: an interrupted or broken verification then has nothing to undo
    // (the commit is an unreferenced object, and the worktree is gone with its RAII owner).
    std::optional<verify::Verification> tests;
    if (options.run_tests) {
        auto verification = [&] {
            const auto slot = batch::test_slots().acquire();   // a batch bounds concurrent test runs by cores
            return verify::verify_commit(repository, commit->commit, base, options.verify);
        }();
        if (!verification) return fail(verification.take_error());
        tests = std::move(verification.value());
    }
    if (interrupt_requested()) return fail(make_error(ErrorKind::interrupted, "interrupted"));
    if (options.create_branch) {
        if (auto created = repo::create_branch(repository, options.branch, commit->commit); !created) {
            return fail(created.take_error());
        }
        report.branch = options.branch;
    }
    report.commit = repo::oid_hex(commit->commit);
    report.tests = std::move(tests);
    report.status = !report.tests ? RunStatus::untested : report.tests->passed() ? RunStatus::passed : RunStatus::failed;
}

} // namespace oneshot::cli
