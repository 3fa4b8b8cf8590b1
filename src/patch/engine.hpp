// The patch engine's entry points: parse an untrusted document, resolve it against the base tree.
// Both are pure: no repository, no filesystem. Errors are ErrorKind::patch (malformed, does not
// apply, ambiguous) or ErrorKind::unsafe (paths escaping the repository, .git, symlinks, ...), with
// a message naming the change index, the field and the reason.
#pragma once

#include "core/error.hpp"
#include "patch/base_files.hpp"
#include "patch/document.hpp"
#include "patch/resolved.hpp"

#include <cstddef>
#include <string_view>

namespace oneshot::patch {

Result<Document> parse_document(std::string_view json_text);

struct ResolveOptions {
    bool allow_git_metadata_files = false;   // .gitmodules, .gitattributes, .gitignore, ...
    std::size_t max_file_bytes = 16u << 20;  // a base file to edit, and any file the patch writes
};

Result<ResolvedPatch> resolve(const Document& document, const BaseFiles& base, const ResolveOptions& options = {});

} // namespace oneshot::patch
