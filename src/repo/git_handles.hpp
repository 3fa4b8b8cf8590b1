// RAII owners for libgit2 handles, and the library's global init/shutdown.
#pragma once

#include <git2.h>

#include <memory>
#include <string>

namespace oneshot::repo {

template <class T, void (*Free)(T*)>
struct GitDeleter {
    void operator()(T* handle) const { Free(handle); }
};

template <class T, void (*Free)(T*)>
using GitHandle = std::unique_ptr<T, GitDeleter<T, Free>>;

using GitRepository = GitHandle<git_repository, git_repository_free>;
using GitObject = GitHandle<git_object, git_object_free>;
using GitCommit = GitHandle<git_commit, git_commit_free>;
using GitTree = GitHandle<git_tree, git_tree_free>;
using GitTreeEntry = GitHandle<git_tree_entry, git_tree_entry_free>;
using GitBlob = GitHandle<git_blob, git_blob_free>;
using GitReference = GitHandle<git_reference, git_reference_free>;
using GitSignature = GitHandle<git_signature, git_signature_free>;
using GitConfig = GitHandle<git_config, git_config_free>;
using GitRevwalk = GitHandle<git_revwalk, git_revwalk_free>;
using GitDiff = GitHandle<git_diff, git_diff_free>;
using GitFilterList = GitHandle<git_filter_list, git_filter_list_free>;
using GitWorktree = GitHandle<git_worktree, git_worktree_free>;
using GitOdb = GitHandle<git_odb, git_odb_free>;
using GitOdbObject = GitHandle<git_odb_object, git_odb_object_free>;

// git_buf is a value type whose memory libgit2 owns until git_buf_dispose.
struct GitBuf {
    git_buf buf = GIT_BUF_INIT;
    GitBuf() = default;
    GitBuf(const GitBuf&) = delete;
    GitBuf& operator=(const GitBuf&) = delete;
    ~GitBuf() { git_buf_dispose(&buf); }
    std::string str() const { return buf.ptr ? std::string(buf.ptr, buf.size) : std::string(); }
};

// libgit2 must be initialised once per process before any other call; this object does it for
// the lifetime of the program (function-local static), so every entry point can just call it.
void ensure_libgit2();

// The message of the last libgit2 error on this thread, or "unknown libgit2 error".
std::string last_git_error();

std::string oid_hex(const git_oid& oid);

} // namespace oneshot::repo
