// The patch document (design.md, "Patch document (version 1)"): the one internal representation of
// a change, whether it came from a model's JSON, a text-encoded answer or a file given to `apply`.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace oneshot::patch {

enum class Action { modify, create, remove, rename };   // "delete" in JSON is Action::remove

struct Edit {
    std::string search;
    std::string replace;
};

struct Change {
    std::string path;
    Action action = Action::modify;
    std::optional<std::string> new_path;           // rename only
    std::optional<std::string> content;            // whole new text (modify or create)
    std::optional<std::vector<Edit>> edits;        // search/replace edits (modify, rename with edits)
};

struct Document {
    std::string summary;        // commit subject
    std::string explanation;    // commit body
    std::vector<Change> changes;
};

} // namespace oneshot::patch
