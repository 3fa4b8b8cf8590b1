// The context engine's view of a revision (context::SourceTree), read through libgit2: only what
// is committed at that revision, never the working tree.
#pragma once

#include "context/source_tree.hpp"
#include "repo/repository.hpp"

namespace oneshot::repo {

class GitSourceTree final : public context::SourceTree {
public:
    static Result<GitSourceTree> load(const Repository& repository, const git_oid& commit_id);

    const std::vector<context::TrackedFile>& files() const override { return files_; }
    Result<std::string> read(const context::TrackedFile& file) const override;
    std::vector<context::HistoryCommit> history(std::size_t max_commits) const override;
    std::filesystem::path cache_dir() const override;

private:
    GitSourceTree(const Repository& repository, git_oid commit_id, GitOdb odb)
        : repository_(&repository), commit_id_(commit_id), odb_(std::move(odb)) {}

    const Repository* repository_;
    git_oid commit_id_;
    GitOdb odb_;   // libgit2's object database is safe to read from several threads
    std::vector<context::TrackedFile> files_;
};

} // namespace oneshot::repo
