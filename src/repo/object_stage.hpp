// Where a new commit's objects are written: first into memory (a libgit2 mempack on a second handle
// of the same repository), then stored in one step once the commit is complete. A commit of many
// objects becomes one pack instead of one loose file (and often one new fan-out directory) each:
// creating those files was most of a 50-file apply in a kernel-sized repository. Few objects are
// stored loose, as git itself does below transfer.unpackLimit. Until store() nothing reaches the
// object database, so a commit that fails half-way leaves no stray objects.
#pragma once

#include "core/error.hpp"
#include "repo/repository.hpp"

#include <cstddef>

namespace oneshot::repo {

// git keeps fetched objects loose below this count (transfer.unpackLimit's default).
inline constexpr std::size_t kPackObjectsFrom = 100;

class ObjectStage {
public:
    static Result<ObjectStage> open(const Repository& target);

    // Write blobs, trees and commits through this handle; reads see both the staged objects and
    // the repository's own.
    const Repository& repository() const { return staging_; }

    // Stores the commit and every staged object it reaches (its tree, and below it the trees and
    // blobs that are new) in the target repository: loose when fewer than `pack_from`, else as
    // one pack. Objects the repository already had were never staged.
    Status store(const git_oid& commit, std::size_t pack_from = kPackObjectsFrom);

private:
    ObjectStage(const Repository& target, Repository staging, git_odb_backend* memory)
        : target_(&target), staging_(std::move(staging)), memory_(memory) {}
    const Repository* target_;
    Repository staging_;
    git_odb_backend* memory_;   // owned by staging_'s object database
};

} // namespace oneshot::repo
