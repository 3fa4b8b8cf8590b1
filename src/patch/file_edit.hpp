// One file's new bytes from its base bytes: the edits applied in order through the matcher, or a
// whole new text, keeping what the file's conventions are (BOM, line breaks, final newline).
#pragma once

#include "core/error.hpp"
#include "patch/document.hpp"
#include "patch/matcher.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace oneshot::patch {

struct EditedFile {
    std::string bytes;
    std::vector<MatchTier> tiers;   // the tier each edit needed, in order
};

// ErrorKind::patch when the base is binary or not UTF-8, or an edit does not apply; the message
// names `where` ("changes[2]"), the edit, the path and why; `detail` holds repair diagnostics.
Result<EditedFile> apply_edits(std::string_view base, const std::vector<Edit>& edits, std::string_view where,
                               std::string_view path);

// Refuses text that must not be written by a patch (NUL bytes, invalid UTF-8); `field` for messages.
Status check_patch_text(std::string_view text, std::string_view field);

// Refuses a base file the engine will not rewrite as text (binary, invalid UTF-8).
Status check_base_text(std::string_view base, std::string_view where, std::string_view path);

// A whole new text for an existing file, given the conventions of the file it replaces: the base's
// UTF-8 BOM is kept, and a text written with LF for a file whose every line break is CRLF gets CRLF.
std::string keep_file_conventions(std::string_view base, std::string content);

} // namespace oneshot::patch
