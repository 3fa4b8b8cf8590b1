// An opened repository and the revision work that every command starts with.
#pragma once

#include "core/error.hpp"
#include "repo/git_handles.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace oneshot::repo {

class Repository {
public:
    // Finds the repository containing `start` (like git does from the current directory).
    static Result<Repository> discover(const std::filesystem::path& start);
    static Result<Repository> open(const std::filesystem::path& path);

    git_repository* get() const { return repo_.get(); }
    std::filesystem::path git_dir() const;       // the common git dir (shared by worktrees)
    std::optional<std::filesystem::path> work_dir() const;

    // The commit a revision names ("HEAD", a branch, a sha, "HEAD~2").
    Result<git_oid> resolve_commit(const std::string& revision) const;
    Result<GitCommit> lookup_commit(const git_oid& id) const;
    Result<GitTree> commit_tree(const git_oid& commit_id) const;

    // A string setting from the repository's configuration (system, global, local), if set.
    std::optional<std::string> config_string(const std::string& key) const;

private:
    explicit Repository(GitRepository repo) : repo_(std::move(repo)) {}
    GitRepository repo_;
};

} // namespace oneshot::repo
