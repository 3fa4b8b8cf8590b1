#include "batch/staging.hpp"

#include "batch/shard.hpp"
#include "repo/branch.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <chrono>
#include <filesystem>
#include <thread>

namespace oneshot::batch {

namespace {

std::string hex8(std::uint64_t value)
{
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%08llx", static_cast<unsigned long long>(value & 0xffffffffull));
    return buffer;
}

// Test worktrees are named oneshot-<pid>-<n> by verify/worktree.cpp.
std::optional<pid_t> owner_pid(const std::string& worktree_name)
{
    if (worktree_name.rfind("oneshot-", 0) != 0) return std::nullopt;
    const std::string rest = worktree_name.substr(8);
    const auto dash = rest.find('-');
    if (dash == std::string::npos || dash == 0) return std::nullopt;
    try {
        return static_cast<pid_t>(std::stol(rest.substr(0, dash)));
    } catch (...) {
        return std::nullopt;
    }
}

bool process_alive(pid_t pid)
{
    return ::kill(pid, 0) == 0 || errno == EPERM;
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

Status rename_branch(const repo::Repository& repository, const std::string& from, const std::string& to)
{
    git_reference* raw = nullptr;
    if (git_branch_lookup(&raw, repository.get(), from.c_str(), GIT_BRANCH_LOCAL) != 0) {
        return make_error(ErrorKind::internal, "branch '" + from + "' is gone: " + repo::last_git_error());
    }
    repo::GitReference ref(raw);
    git_reference* moved = nullptr;
    if (git_branch_move(&moved, ref.get(), to.c_str(), 0) != 0) {
        return make_error(ErrorKind::usage, "cannot rename '" + from + "' to '" + to + "': " + repo::last_git_error());
    }
    repo::GitReference keep(moved);
    return Ok{};
}

void delete_branch(const repo::Repository& repository, const std::string& name)
{
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

int remove_stale_ref_locks(const repo::Repository& repository, const std::vector<std::string>& branches)
{
    namespace fs = std::filesystem;
    const fs::path git_dir = repository.git_dir();
    int removed = 0;
    std::error_code ec;
    for (const std::string& branch : branches) {
        for (const fs::path& lock : {git_dir / "refs" / "heads" / (branch + ".lock"), git_dir / "logs" / "refs" / "heads" / (branch + ".lock")}) {
            if (fs::remove(lock, ec)) ++removed;
        }
    }
    const fs::path packed = git_dir / "packed-refs.lock";
    for (int wait = 0; wait < 20 && fs::exists(packed, ec); ++wait) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (fs::remove(packed, ec)) ++removed;
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
        git_worktree* raw = nullptr;
        if (git_worktree_lookup(&raw, repository.get(), name.c_str()) != 0) continue;
        repo::GitWorktree worktree(raw);
        const auto pid = owner_pid(name);
        const bool ours_and_dead = pid && !process_alive(*pid);
        const bool stale = git_worktree_validate(worktree.get()) != 0;   // its folder is gone: git worktree prune
        if (!ours_and_dead && !stale) continue;
        const std::filesystem::path checkout = git_worktree_path(worktree.get()) ? git_worktree_path(worktree.get()) : "";
        git_worktree_prune_options options = GIT_WORKTREE_PRUNE_OPTIONS_INIT;
        options.flags = GIT_WORKTREE_PRUNE_VALID | GIT_WORKTREE_PRUNE_LOCKED |
                        (ours_and_dead ? GIT_WORKTREE_PRUNE_WORKING_TREE : 0);
        if (git_worktree_prune(worktree.get(), &options) != 0) continue;
        ++removed;
        if (ours_and_dead && !checkout.empty()) {
            std::error_code ignored;
            std::filesystem::remove_all(checkout, ignored);
            // verify/worktree.cpp puts the checkout inside a mkdtemp folder git-oneshot-XXXXXX.
            const auto parent = checkout.parent_path();
            if (parent.filename().string().rfind("git-oneshot-", 0) == 0) std::filesystem::remove_all(parent, ignored);
        }
    }
    // The temporary branch a test worktree is made from lives for a moment; a kill can strand it.
    for (const std::string& branch : branches_under(repository, "oneshot-verify/")) {
        const auto pid = owner_pid(branch.substr(std::string("oneshot-verify/").size()));
        if (pid && !process_alive(*pid)) delete_branch(repository, branch);
    }
    return removed;
}

} // namespace oneshot::batch
