// Real temporary git repositories for tests, made with the git command line, plus a digest of
// everything a run must not change (HEAD, refs, index, working tree, stash) to compare before/after.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace oneshot::testing {

// Runs a shell command, returns its stdout; throws std::runtime_error on a non-zero exit.
std::string shell(const std::string& command);
std::string quote(const std::string& text);

class TempRepo {
public:
    TempRepo();   // empty repository with an identity configured
    ~TempRepo();
    TempRepo(const TempRepo&) = delete;
    TempRepo& operator=(const TempRepo&) = delete;

    const std::filesystem::path& path() const { return path_; }
    void write(const std::string& relative, const std::string& content);
    std::string read(const std::string& relative) const;
    // Stages everything and commits; returns the new HEAD sha.
    std::string commit_all(const std::string& message);
    // Copies a directory's files into the repository (for the bundled examples).
    void copy_from(const std::filesystem::path& source);
    std::string git(const std::string& args) const;   // `git -C <repo> ARGS`, stdout
    // HEAD, the index, the working tree (tracked, untracked, ignored) and the stash: what a run must
    // leave alone even while it creates a branch.
    std::string state_digest() const;
    bool branch_exists(const std::string& name) const;
    // Worktrees registered besides the main one (a run must leave none behind).
    int extra_worktrees() const;
    std::string file_at(const std::string& revision, const std::string& relative) const;

private:
    std::filesystem::path root_;
    std::filesystem::path path_;
};

} // namespace oneshot::testing
