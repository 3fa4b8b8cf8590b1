#include "cli/edit_scope.hpp"

#include "patch/paths.hpp"

#include <unordered_map>

namespace oneshot::cli {

namespace {

// Deleting a file or moving it unchanged needs no knowledge of its text, only that it exists:
// a path the context lists is enough. Anything that writes text into an existing file needs the
// text it replaces.
bool needs_no_text(const patch::Change& change)
{
    if (change.action == patch::Action::remove) return true;
    const bool edits = change.edits && !change.edits->empty();
    return change.action == patch::Action::rename && !edits && !change.content;
}

} // namespace

Status check_edit_scope(const patch::Document& document, const context::ContextPack& pack)
{
    std::unordered_map<std::string, context::ShowMode> shown;
    for (const auto& file : pack.files) shown.emplace(file.path, file.mode);
    for (std::size_t i = 0; i < document.changes.size(); ++i) {
        const auto& change = document.changes[i];
        if (change.action == patch::Action::create) continue;
        const std::string where = "change " + std::to_string(i + 1) + " (" + change.path + ")";
        // The pack's paths are normalised; so must the model's be before the lookup, or "./src/a.c"
        // is refused while "src/a.c" is accepted. A path that cannot be normalised is refused here
        // with the resolver's own message.
        auto path = patch::normalize_path(change.path, where, /*allow_git_metadata_files=*/true);
        if (!path) return path.take_error();
        const auto found = shown.find(*path);
        if (found == shown.end()) {
            return make_error(ErrorKind::unsafe, where + ": the model changes a file the context did not list");
        }
        if (needs_no_text(change)) continue;
        if (found->second == context::ShowMode::listed) {
            return make_error(ErrorKind::unsafe, where + ": the model changes a file whose text it was not shown");
        }
        if (change.content && found->second != context::ShowMode::full) {
            return make_error(ErrorKind::unsafe, where + ": replaces the whole file, but only part of it was shown");
        }
    }
    return Ok{};
}

} // namespace oneshot::cli
