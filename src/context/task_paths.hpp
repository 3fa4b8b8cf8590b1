// The files a task names: "delete notes/obsolete.txt", "update README.md". A user who names a file
// expects the model to see it, whatever its kind, so packing shows these first.
#pragma once

#include "context/source_tree.hpp"

#include <string_view>
#include <vector>

namespace oneshot::context {

// Indexes into files of those the task names, by repository path or by file name. A name needs a
// dot after its first character ("README.md", ".gitignore" does not count) and at least 4
// characters, and must stand as a word of its own. A file name several files share names only the
// shallowest of them (the top-level README.md, not every README.md in the tree).
std::vector<std::size_t> files_named_in(std::string_view task, const std::vector<TrackedFile>& files);

} // namespace oneshot::context
