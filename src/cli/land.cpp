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

    if (auto created = repo::create_branch(repository, options.branch, commit->commit); !created) {
        return fail(created.take_error());
    }
    report.branch = options.branch;
    report.commit = repo::oid_hex(commit->commit);

    if (!options.run_tests) {
        report.status = RunStatus::untested;
        return;
    }
    auto verification = [&] {
        const auto slot = batch::test_slots().acquire();   // a batch bounds concurrent test runs by cores
        return verify::verify_commit(repository, commit->commit, base, options.verify);
    }();
    if (!verification || interrupt_requested()) {
        // Interrupted or broken verification: nothing may be left behind, the branch included.
        repo::delete_branch_if_at(repository, options.branch, commit->commit);
        report.branch.reset();
        report.commit.reset();
        return fail(verification ? make_error(ErrorKind::interrupted, "interrupted while the tests ran")
                                 : verification.take_error());
    }
    if (!verification.value()) {
        report.status = RunStatus::untested;
        return;
    }
    report.tests = std::move(*verification.value());
    report.status = report.tests->tests.passed() ? RunStatus::passed : RunStatus::failed;
}

} // namespace oneshot::cli
