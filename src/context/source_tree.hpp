// What the context engine reads: the tracked files of one revision, their bytes, and history.
// An interface so that ranking and packing are testable without a repository; repo/ implements
// it with libgit2 (never a filesystem walk: only committed content is ever sent to a model).
#pragma once

#include "core/error.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace oneshot::context {

struct TrackedFile {
    std::string path;        // repository-relative, '/'-separated
    std::string oid;         // hex blob id
    std::uint64_t size = 0;  // bytes
    bool executable = false;
};

struct HistoryCommit {
    std::string id;
    std::int64_t time = 0;               // committer time, Unix seconds
    std::vector<std::string> paths;      // files it changed (against its first parent)
};

class SourceTree {
public:
    virtual ~SourceTree() = default;
    // Regular and executable files only (no symlinks, no submodules), sorted by path.
    virtual const std::vector<TrackedFile>& files() const = 0;
    // The blob's bytes. Safe to call from several threads at once.
    virtual Result<std::string> read(const TrackedFile& file) const = 0;
    // Up to max_commits commits reachable from the revision, newest first, with changed paths.
    // Safe to call while other threads read().
    virtual std::vector<HistoryCommit> history(std::size_t max_commits) const = 0;
    // A directory inside the repository's git dir for caches (created on demand); empty if none.
    virtual std::filesystem::path cache_dir() const = 0;
};

} // namespace oneshot::context
