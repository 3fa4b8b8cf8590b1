// Turns a resolved patch into a commit on top of the base commit, entirely in the object database:
// blobs, a tree built from the base tree plus the changes, and a commit that no ref points to yet.
// Nothing here touches the working tree, the index, HEAD or any ref.
#pragma once

#include "core/error.hpp"
#include "patch/resolved.hpp"
#include "repo/identity.hpp"
#include "repo/repository.hpp"

#include <string>

namespace oneshot::repo {

struct NewCommit {
    git_oid commit{};
    git_oid tree{};
};

Result<NewCommit> write_commit(const Repository& repository, const git_oid& base_commit,
                               const patch::ResolvedPatch& patch, const std::string& message,
                               const Identity& author, const Identity& committer);

// The commit message: summary as subject, explanation as body, then trailers ("Key: value").
std::string commit_message(const std::string& summary, const std::string& explanation,
                           const std::vector<std::pair<std::string, std::string>>& trailers);

} // namespace oneshot::repo
