// Repository paths from untrusted documents: normalised ("./a//b" → "a/b") and confined. A path is
// refused when it could escape the repository or reach git's own data on any filesystem git runs
// on (".git" in any letter case, with NTFS trailing dots/spaces or 8.3 names, HFS+ ignorable code
// points), or when it names a file git itself interprets (.gitmodules, .gitattributes, .gitignore)
// unless those are explicitly allowed.
#pragma once

#include "core/error.hpp"

#include <string>
#include <string_view>

namespace oneshot::patch {

// `field` names the path in messages, e.g. "changes[2].new_path".
// Errors: ErrorKind::unsafe for hostile paths, ErrorKind::patch for merely malformed ones.
Result<std::string> normalize_path(std::string_view raw, std::string_view field, bool allow_git_metadata_files);

// True when the component names git's directory on some filesystem (".git", ".GIT.", "git~1", ...).
bool is_dot_git_component(std::string_view component);

// True when the file name is one git reads from the tree (.gitmodules, .gitattributes, .gitignore).
bool is_git_metadata_file_name(std::string_view name);

} // namespace oneshot::patch
