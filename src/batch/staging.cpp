#include "batch/staging.hpp"

#include "batch/shard.hpp"
#include "core/process_identity.hpp"
#include "repo/branch.hpp"
#include "repo/ref_guard.hpp"

#include <cstdio>
#include <filesystem>

namespace oneshot::batch {

namespace {

std::string hex8(std::uint64_t value)
{
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%08llx", static_cast<unsigned long long>(value & 0xffffffffull));
    return buffer;
}

// The owner marker of a locked worktree (verify/worktree.cpp writes it as the lock reason).
std::optional<ProcessIdentity> worktree_owner(git_worktree* worktree)
{
    git_buf reason = GIT_BUF_INIT;
    std::optional<ProcessIdentity> owner;
    if (git_worktree_is_locked(&reason, worktree) > 0 && reason.ptr) owner = parse_marker(std::string_view(reason.ptr, reason.size));
    git_buf_dispose(&reason);
    return owner;
}

} // namespace

std::string batch_key(const std::string& report_path)
{
    return hex8(stable_hash(report_path));
}

// Flat names, no folder of their own: libgit2 removes a ref's folder when its last ref goes, and a
// concurrent creation in that folder then fails, so staging refs live directly in refs/heads.
std::string staging_prefix(const std::string& key)
{
    return "oneshot-batch-" + key + "-";
}

std::string staging_branch(const std::string& key, const std::string& id)
{
    return staging_prefix(key) + repo::task_slug(id, 40) + "-" + hex8(stable_hash(id));
}

std::string final_branch(const std::string& explicit_branch, const std::string& prefix, const std::string& id)
{
    return explicit_branch.empty() ? prefix + repo::task_slug(id) : explicit_branch;
}

std::optional<std::string> branch_tip(const repo::Repository& repository, const std::string& name)
{
    git_reference* raw = nullptr;
    if (git_branch_lookup(&raw, repository.get(), name.c_str(), GIT_BRANCH_LOCAL) != 0) return std::nullopt;
    repo::GitReference ref(raw);
    const git_oid* target = git_reference_target(ref.get());
    if (!target) return std::nullopt;
    return repo::oid_hex(*target);
}

Status create_branch_at(const repo::Repository& repository, const std::string& name, const std::string& commit_hex)
{
    git_oid id;
    if (git_oid_fromstrn(&id, commit_hex.c_str(), commit_hex.size()) != 0 || commit_hex.size() != GIT_OID_HEXSZ) {
        return make_error(ErrorKind::internal, "'" + commit_hex + "' is not a commit id");
    }
    return repo::create_branch(repository, name, id);
}

void delete_branch(const repo::Repository& repository, const std::string& name)
{
    const std::lock_guard one_at_a_time(repo::ref_update_mutex());
    git_reference* raw = nullptr;
    if (git_branch_lookup(&raw, repository.get(), name.c_str(), GIT_BRANCH_LOCAL) != 0) return;
    repo::GitReference ref(raw);
    git_branch_delete(ref.get());
}

std::vector<std::string> branches_under(const repo::Repository& repository, const std::string& prefix)
{
    std::vector<std::string> names;
    git_reference_iterator* raw = nullptr;
    const std::string glob = "refs/heads/" + prefix + "*";
    if (git_reference_iterator_glob_new(&raw, repository.get(), glob.c_str()) != 0) return names;
    std::unique_ptr<git_reference_iterator, void (*)(git_reference_iterator*)> iterator(raw, git_reference_iterator_free);
    const char* name = nullptr;
    while (git_reference_next_name(&name, iterator.get()) == 0) {
        names.emplace_back(std::string(name).substr(std::string("refs/heads/").size()));
    }
    return names;
}

int remove_stale_ref_locks(const repo::Repository& repository, const std::vector<std::string>& staging_branches)
{
    namespace fs = std::filesystem;
    const fs::path git_dir = repository.git_dir();
    int removed = 0;
    std::error_code ec;
    for (const std::string& branch : staging_branches) {
        if (!branch.starts_with("oneshot-batch-")) continue;   // only ever our own names
        for (const fs::path& lock : {git_dir / "refs" / "heads" / (branch + ".lock"), git_dir / "logs" / "refs" / "heads" / (branch + ".lock")}) {
            if (fs::remove(lock, ec)) ++removed;
        }
    }
    return removed;
}

int prune_dead_worktrees(const repo::Repository& repository)
{
    git_strarray list{};
    if (git_worktree_list(&list, repository.get()) != 0) return 0;
    std::vector<std::string> names(list.strings, list.strings + list.count);
    git_strarray_dispose(&list);

    int removed = 0;
    for (const std::string& name : names) {
        if (!name.starts_with("oneshot-")) continue;
        git_worktree* raw = nullptr;
        if (git_worktree_lookup(&raw, repository.get(), name.c_str()) != 0) continue;
        repo::GitWorktree worktree(raw);
        const auto owner = worktree_owner(worktree.get());
        if (!owner || owner_state(*owner) != OwnerState::gone) continue;
        const std::filesystem::path checkout = git_worktree_path(worktree.get()) ? git_worktree_path(worktree.get()) : "";
        {
            const std::lock_guard one_at_a_time(repo::ref_update_mutex());
            git_worktree_prune_options options = GIT_WORKTREE_PRUNE_OPTIONS_INIT;
            options.flags = GIT_WORKTREE_PRUNE_VALID | GIT_WORKTREE_PRUNE_LOCKED | GIT_WORKTREE_PRUNE_WORKING_TREE;
            if (git_worktree_prune(worktree.get(), &options) != 0) continue;
        }
        ++removed;
        // The temporary branch it was made from, if a kill stranded it (verify/worktree.cpp).
        delete_branch(repository, "oneshot-verify/" + name);
        if (!checkout.empty()) {
            std::error_code ignored;
            std::filesystem::remove_all(checkout, ignored);
            // verify/worktree.cpp puts the checkout inside a mkdtemp folder git-oneshot-XXXXXX.
            const auto parent = checkout.parent_path();
            if (parent.filename().string().starts_with("git-oneshot-")) std::filesystem::remove_all(parent, ignored);
        }
    }
    return removed;
}

} // namespace oneshot::batch
