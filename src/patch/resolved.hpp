// A patch resolved against the base tree: exact bytes to write and paths to remove, ready for
// repo/ to turn into a tree. Everything in here has been validated; nothing ambiguous remains.
#pragma once

#include "patch/base_files.hpp"
#include "patch/document.hpp"

#include <string>
#include <vector>

namespace oneshot::patch {

struct FileOp {
    enum class Type { write, remove } type = Type::write;
    std::string path;
    std::string content;                       // write: final bytes as stored in git
    EntryKind kind = EntryKind::regular;       // write: regular or executable
    // True when the bytes are new text from the patch (create, whole-content replacement), not the
    // base blob edited in place: repo/ then runs the repository's clean filters (eol, autocrlf).
    bool new_text = false;
    // write: the path this file moved from when a rename produced it (its remove op is in the same
    // patch), so that reviews show a rename rather than a deletion and a new file.
    std::string renamed_from;
};

struct ResolvedPatch {
    std::string summary;
    std::string explanation;
    std::vector<FileOp> ops;          // at most one op per path
    std::vector<Change> changes;      // the document's changes, for the run report
    // One line per edit that needed a tolerant tier ("changes[0].edits[1]: src/a.c, matched ignoring
    // indentation at line 40"), for the run report and for reviewers.
    std::vector<std::string> notes;
};

} // namespace oneshot::patch
