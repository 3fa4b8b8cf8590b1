// Branches and leftovers of a batch in one repository. A task's commit is made on a staging
// branch (oneshot-batch-<key>-...); its final branch is made only after its report record is on
// disk, so a killed batch never leaves a final branch without a record. On --resume, a record
// whose branch is missing gets it (the record names the commit), and staging branches go.
// Everything here that deletes runs under the report's exclusive lock (report_log.hpp).
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
Status create_branch_at(const repo::Repository& repository, const std::string& name, const std::string& commit_hex);
void delete_branch(const repo::Repository& repository, const std::string& name);
std::vector<std::string> branches_under(const repo::Repository& repository, const std::string& prefix);

// Lock files a kill left on our own staging branches (refs/heads/<name>.lock and the reflog's).
// Only staging branches: the exclusive report lock proves no live process of ours owns them, and
// no one else writes them. Locks on other branches and packed-refs.lock may belong to a live git
// and are never touched. Returns how many were removed.
int remove_stale_ref_locks(const repo::Repository& repository, const std::vector<std::string>& staging_branches);

// Test worktrees (and their temporary refs and checkouts) left by git-oneshot processes that are
// proven gone: the worktree is locked with an owner marker (core/process_identity.hpp) naming a
// process of this host that no longer runs. A user's worktree, one without a marker, or one of a
// process on another host or container is never touched. Returns how many were removed.
int prune_dead_worktrees(const repo::Repository& repository);

} // namespace oneshot::batch
