// A git pack (version 2) holding whole objects, no deltas: the form in which a commit's many new
// objects are handed to libgit2's indexer in one piece instead of as one loose file each.
// Written here because libgit2 1.5's packbuilder cannot be told to skip its delta search and
// compresses at level 6 (measured: 140 ms for a 50-file commit); indexing and verifying the
// stream stays libgit2's job.
#pragma once

#include "core/error.hpp"

#include <git2.h>

#include <string>
#include <string_view>
#include <vector>

namespace oneshot::repo {

struct PackObject {
    git_object_t type = GIT_OBJECT_BLOB;   // commit, tree, blob or tag
    std::string_view data;                 // the object's content, without git's "type size\0" header
};

// The complete pack: header, each object zlib-compressed (fastest level), SHA-1 trailer.
Result<std::string> encode_pack(const std::vector<PackObject>& objects);

} // namespace oneshot::repo
