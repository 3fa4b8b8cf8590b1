// History through the cache: the changed paths of a commit never change, so the history seen from
// a revision is stored under the revision's id, and a new commit on top of a cached one costs one
// tree diff instead of hundreds. Files are written to a temporary name and renamed; a few are kept.
#pragma once

#include "context/source_tree.hpp"

#include <vector>

namespace oneshot::context {

std::vector<HistoryCommit> cached_history(const SourceTree& tree, std::size_t max_commits);

} // namespace oneshot::context
