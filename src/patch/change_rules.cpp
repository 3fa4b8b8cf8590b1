#include "patch/change_rules.hpp"

#include "patch/limits.hpp"

namespace oneshot::patch {

std::string_view action_name(Action action)
{
    switch (action) {
    case Action::modify: return "modify";
    case Action::create: return "create";
    case Action::remove: return "delete";
    case Action::rename: return "rename";
    }
    return "modify";
}

std::string change_label(std::size_t index)
{
    return "changes[" + std::to_string(index) + "]";
}

namespace {

Error shape_error(std::size_t index, std::string_view field, std::string_view why)
{
    return make_error(ErrorKind::patch, change_label(index) + "." + std::string(field) + ": " + std::string(why));
}

} // namespace

Status check_change_shape(const Change& change, std::size_t index)
{
    const std::string action(action_name(change.action));
    const bool has_content = change.content.has_value();
    const bool has_edits = change.edits.has_value();
    switch (change.action) {
    case Action::modify:
        if (change.new_path)
            return shape_error(index, "new_path", "must be null for action \"modify\" (use \"rename\" to move a file)");
        if (has_content && has_edits)
            return shape_error(index, "content", "give either content or edits for action \"modify\", not both");
        if (!has_content && !has_edits)
            return shape_error(index, "edits", "action \"modify\" needs edits or content; both are null");
        break;
    case Action::create:
        if (change.new_path)
            return shape_error(index, "new_path", "must be null for action \"create\"");
        if (has_edits)
            return shape_error(index, "edits", "must be null for action \"create\" (give the whole text in content)");
        if (!has_content)
            return shape_error(index, "content", "action \"create\" needs the file's whole text; it is null");
        break;
    case Action::remove:
        if (change.new_path)
            return shape_error(index, "new_path", "must be null for action \"delete\"");
        if (has_content)
            return shape_error(index, "content", "must be null for action \"delete\"");
        if (has_edits)
            return shape_error(index, "edits", "must be null for action \"delete\"");
        break;
    case Action::rename:
        if (!change.new_path)
            return shape_error(index, "new_path", "action \"rename\" needs new_path; it is null");
        if (has_content && has_edits)
            return shape_error(index, "content", "give either content or edits for action \"rename\", not both");
        break;
    }
    if (has_edits) {
        if (change.edits->empty())
            return shape_error(index, "edits", "is an empty list (use null, or give at least one edit)");
        if (change.edits->size() > max_edits_per_change)
            return shape_error(index, "edits", "has more than " + std::to_string(max_edits_per_change) + " edits");
        for (std::size_t k = 0; k < change.edits->size(); ++k) {
            if ((*change.edits)[k].search.empty())
                return shape_error(index, "edits[" + std::to_string(k) + "].search",
                                   "is empty (quote the existing lines to replace; use \"create\" or content for new files)");
        }
    }
    return Ok{};
}

} // namespace oneshot::patch
