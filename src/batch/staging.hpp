// Branches and leftovers of a batch in one repository. A task's commit is made on a staging
// branch (oneshot-batch-<key>-...) and only renamed to its final name after its report record is
// on disk, so a killed batch never leaves a final branch without a record: on --resume a staging
// branch is either finished (record present) or deleted (task redone).
#pragma once

#include "core/error.hpp"
#include "repo/repository.hpp"

#include <optional>
#include <string>
#include <vector>

namespace oneshot::batch {

// The key that keeps two batches (different report files) out of each other's staging branches.
std::string batch_key(const std::string& report_path);

// oneshot-batch-<key>-<slug of id>-<hash of id>: unique per id, a valid ref name for any id.
std::string staging_branch(const std::string& key, const std::string& id);
std::string staging_prefix(const std::string& key);

// The task's branch: its own "branch", else <prefix><slug of id>.
std::string final_branch(const std::string& explicit_branch, const std::string& prefix, const std::string& id);

std::optional<std::string> branch_tip(const repo::Repository& repository, const std::string& name);
Status rename_branch(const repo::Repository& repository, const std::string& from, const std::string& to);
void delete_branch(const repo::Repository& repository, const std::string& name);
std::vector<std::string> branches_under(const repo::Repository& repository, const std::string& prefix);

// Lock files a kill left on these branches (refs/heads/<name>.lock and the reflog's), and a
// packed-refs.lock that outlives a short wait (a live git holds it for milliseconds). Returns how
// many were removed.
int remove_stale_ref_locks(const repo::Repository& repository, const std::vector<std::string>& branches);

// What `git worktree prune` does, plus the test worktrees of dead git-oneshot processes (their
// checkouts in the temp folder included) and the temporary refs those left. Returns how many
// worktrees were removed.
int prune_dead_worktrees(const repo::Repository& repository);

} // namespace oneshot::batch
