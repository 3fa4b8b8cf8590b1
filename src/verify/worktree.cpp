#include "verify/worktree.hpp"

#include "core/process_identity.hpp"
#include "repo/ref_guard.hpp"

#include <atomic>
#include <cstdlib>
#include <system_error>
#include <unistd.h>

namespace oneshot::verify {

namespace {

std::atomic<int> g_counter{0};

std::filesystem::path temp_root()
{
    const char* tmp = std::getenv("TMPDIR");
    return tmp && *tmp ? std::filesystem::path(tmp) : std::filesystem::temp_directory_path();
}

} // namespace

Result<std::unique_ptr<TemporaryWorktree>> TemporaryWorktree::create(const repo::Repository& repository, const git_oid& commit_id)
{
    std::string pattern = (temp_root() / "git-oneshot-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) {
        return make_error(ErrorKind::internal, "cannot create a temporary folder under " + temp_root().string());
    }
    const std::string name = "oneshot-" + std::to_string(::getpid()) + "-" + std::to_string(g_counter++);
    std::unique_ptr<TemporaryWorktree> worktree(new TemporaryWorktree(repository, name, pattern));
    const std::lock_guard admin(repo::ref_update_mutex());   // worktree admin and its temporary ref

    // libgit2 needs a branch for a new worktree; a temporary one is made, the worktree's HEAD is
    // detached at the commit, and the branch deleted at once, so no ref outlives this function.
    auto commit = repository.lookup_commit(commit_id);
    if (!commit) return commit.take_error();
    const std::string temp_branch = "oneshot-verify/" + name;
    git_reference* raw_branch = nullptr;
    if (git_branch_create(&raw_branch, repository.get(), temp_branch.c_str(), commit->get(), 1) != 0) {
        return make_error(ErrorKind::internal, "cannot create a temporary branch: " + repo::last_git_error());
    }
    repo::GitReference branch(raw_branch);

    git_worktree_add_options options = GIT_WORKTREE_ADD_OPTIONS_INIT;
    options.ref = branch.get();
    git_worktree* raw_worktree = nullptr;
    const int added = git_worktree_add(&raw_worktree, repository.get(), name.c_str(), worktree->checkout_.c_str(), &options);
    repo::GitWorktree handle(raw_worktree);
    Status detached = Ok{};
    if (added == 0) {
        // Locked while in use, the lock's reason naming this process: `git worktree prune` leaves
        // it alone, and a later --resume removes it only once this process is proven gone.
        git_worktree_lock(handle.get(), to_marker(current_process_identity()).c_str());
        git_repository* raw_repo = nullptr;
        if (git_repository_open_from_worktree(&raw_repo, handle.get()) == 0) {
            repo::GitRepository worktree_repo(raw_repo);
            if (git_repository_set_head_detached(worktree_repo.get(), &commit_id) != 0) {
                detached = make_error(ErrorKind::internal, "cannot detach the worktree's HEAD: " + repo::last_git_error());
            }
        }
    }
    const std::string add_error = added == 0 ? std::string() : repo::last_git_error();
    git_branch_delete(branch.get());
    if (added != 0) {
        return make_error(ErrorKind::internal, "cannot create a worktree in " + worktree->checkout_.string() + ": " + add_error);
    }
    if (!detached) return detached.take_error();
    return worktree;
}

TemporaryWorktree::~TemporaryWorktree()
{
    remove();
}

void TemporaryWorktree::remove()
{
    const std::lock_guard admin(repo::ref_update_mutex());   // worktree admin and its temporary ref
    git_worktree* raw = nullptr;
    if (git_worktree_lookup(&raw, repository_.get(), name_.c_str()) == 0) {
        repo::GitWorktree handle(raw);
        git_worktree_prune_options options = GIT_WORKTREE_PRUNE_OPTIONS_INIT;
        options.flags = GIT_WORKTREE_PRUNE_VALID | GIT_WORKTREE_PRUNE_WORKING_TREE | GIT_WORKTREE_PRUNE_LOCKED;
        git_worktree_prune(handle.get(), &options);
    }
    // create() deletes its temporary branch at once, but libgit2 refuses while the new worktree
    // still has it checked out (its HEAD not yet detached); once pruned, nothing holds it.
    git_reference* raw_branch = nullptr;
    if (git_branch_lookup(&raw_branch, repository_.get(), ("oneshot-verify/" + name_).c_str(), GIT_BRANCH_LOCAL) == 0) {
        repo::GitReference branch(raw_branch);
        git_branch_delete(branch.get());
    }
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
}

} // namespace oneshot::verify
