// A temporary git worktree of one commit, under the system temp folder, with a detached HEAD, so
// tests run on exactly the commit under test and never in the user's working tree. Removed (files,
// admin dir, temporary ref) when the object goes away, whatever happened meanwhile.
#pragma once

#include "core/error.hpp"
#include "repo/repository.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace oneshot::verify {

class TemporaryWorktree {
public:
    static Result<std::unique_ptr<TemporaryWorktree>> create(const repo::Repository& repository, const git_oid& commit);
    ~TemporaryWorktree();
    TemporaryWorktree(const TemporaryWorktree&) = delete;
    TemporaryWorktree& operator=(const TemporaryWorktree&) = delete;

    const std::filesystem::path& path() const { return checkout_; }

private:
    TemporaryWorktree(const repo::Repository& repository, std::string name, std::filesystem::path root)
        : repository_(repository), name_(std::move(name)), root_(std::move(root)), checkout_(root_ / "checkout") {}
    void remove();

    const repo::Repository& repository_;
    std::string name_;                 // admin dir name under <git dir>/worktrees/
    std::filesystem::path root_;       // mkdtemp folder
    std::filesystem::path checkout_;   // the worktree itself, inside root_
};

} // namespace oneshot::verify
