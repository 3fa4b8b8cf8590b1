// Unified diffs with git-style headers (diff --git, modes, new/deleted file, renames, index lines),
// hunks computed with dtl, optionally coloured. What reviewers read and what `git apply`/`git am`
// apply: every byte is reproduced (CRLF lines, "\ No newline at end of file"). Pure functions.
#pragma once

#include "core/error.hpp"
#include "patch/base_files.hpp"
#include "patch/git_color.hpp"
#include "patch/resolved.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace oneshot::patch {

// One file's change. An absent side (create: old, delete: new) is nullopt.
struct FileDiff {
    std::string old_path, new_path;   // equal unless renamed; the present side's path when one is absent
    std::optional<std::string> old_bytes, new_bytes;
    EntryKind old_kind = EntryKind::regular, new_kind = EntryKind::regular;
};

struct DiffOptions {
    std::size_t context = 3;
    // Hex digits of blob ids on "index" lines (git's default abbreviation is 7); 0: no index lines.
    std::size_t index_digits = 7;
    bool color = false;
    DiffColors colors;
};

// The diff of every file, in the given order. Binary content gets git's "Binary files ... differ".
std::string unified_diff(const std::vector<FileDiff>& files, const DiffOptions& options = {});

// A resolved patch as FileDiffs against its base, renames paired, sorted by path like git.
Result<std::vector<FileDiff>> file_diffs(const ResolvedPatch& patch, const BaseFiles& base);

// Lines added and removed per file, for a diffstat.
struct DiffStat {
    std::string path;   // "old => new" for renames
    std::size_t added = 0, removed = 0;
    bool binary = false;
};
std::vector<DiffStat> diff_stats(const std::vector<FileDiff>& files);

// git's blob id of `bytes` (SHA-1 of "blob <size>\0" + bytes), as 40 hex digits.
std::string git_blob_id(std::string_view bytes);

} // namespace oneshot::patch
