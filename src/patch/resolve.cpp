// resolve: a parsed document against the base tree → the exact bytes to write and paths to remove.
// Every check happens before anything is produced, so a patch resolves whole or not at all.
#include "patch/change_rules.hpp"
#include "patch/engine.hpp"
#include "patch/file_edit.hpp"
#include "patch/path_fold.hpp"
#include "patch/paths.hpp"
#include "patch/text.hpp"

#include <map>
#include <set>

namespace oneshot::patch {

namespace {

Error patch_error(const std::string& field, const std::string& why)
{
    return make_error(ErrorKind::patch, field + ": " + why);
}

Error unsafe_error(const std::string& field, const std::string& why)
{
    return make_error(ErrorKind::unsafe, field + ": " + why);
}

std::string describe(EntryKind kind)
{
    switch (kind) {
    case EntryKind::regular: return "a file";
    case EntryKind::executable: return "an executable file";
    case EntryKind::symlink: return "a symbolic link";
    case EntryKind::submodule: return "a submodule";
    case EntryKind::directory: return "a directory";
    }
    return "an entry";
}

bool is_file(EntryKind kind) { return kind == EntryKind::regular || kind == EntryKind::executable; }

// Every parent directory of `path` must be a real directory of the base tree (or not exist yet):
// never a symlink (the write would land wherever it points), a submodule, or a file.
Status check_parents(const BaseFiles& base, const std::string& path, const std::string& field)
{
    for (std::size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
        const std::string parent = path.substr(0, slash);
        const auto entry = base.lookup(parent);
        if (!entry)
            return Ok{};
        if (entry->kind == EntryKind::symlink)
            return unsafe_error(field, path + " goes through " + parent + ", a symbolic link");
        if (entry->kind == EntryKind::submodule)
            return unsafe_error(field, path + " is inside the submodule " + parent);
        if (entry->kind != EntryKind::directory)
            return patch_error(field, path + " needs " + parent + " to be a directory, but it is " + describe(entry->kind));
    }
    return Ok{};
}

// An existing entry that a change reads or replaces must be a regular or executable file.
Result<BaseEntry> existing_file(const BaseFiles& base, const std::string& path, const std::string& field, std::string_view action)
{
    const auto entry = base.lookup(path);
    if (!entry)
        return patch_error(field, path + " does not exist in the base revision (cannot " + std::string(action) + " it)");
    if (entry->kind == EntryKind::symlink || entry->kind == EntryKind::submodule)
        return unsafe_error(field, path + " is " + describe(entry->kind) + "; symbolic links and submodules are left untouched");
    if (entry->kind == EntryKind::directory)
        return patch_error(field, path + " is a directory, not a file");
    return *entry;
}

// A path a change creates must be free in the base tree.
Status free_path(const BaseFiles& base, const std::string& path, const std::string& field, std::string_view action)
{
    const auto entry = base.lookup(path);
    if (!entry)
        return Ok{};
    if (entry->kind == EntryKind::symlink || entry->kind == EntryKind::submodule)
        return unsafe_error(field, path + " is " + describe(entry->kind) + "; symbolic links and submodules are left untouched");
    if (action == "create" && is_file(entry->kind))
        return patch_error(field, path + " already exists (use action \"modify\" to change it)");
    return patch_error(field, path + " already exists as " + describe(entry->kind) + " (cannot " + std::string(action) + " onto it)");
}

Status check_size(std::size_t size, const ResolveOptions& options, const std::string& field, const std::string& what)
{
    if (size > options.max_file_bytes)
        return patch_error(field, what + " is " + std::to_string(size) + " bytes; the limit is " + std::to_string(options.max_file_bytes));
    return Ok{};
}

class Resolver {
public:
    Resolver(const BaseFiles& base, const ResolveOptions& options) : base_(base), options_(options) {}

    Status add(const Change& change, std::size_t index)
    {
        current_index_ = index;
        const std::string where = change_label(index);
        if (auto shape = check_change_shape(change, index); !shape)
            return shape;
        auto path = normalize_path(change.path, where + ".path", options_.allow_git_metadata_files);
        if (!path)
            return path.take_error();
        if (auto claimed = claim(*path, index, where + ".path"); !claimed)
            return claimed;
        if (auto parents = check_parents(base_, *path, where + ".path"); !parents)
            return parents;

        switch (change.action) {
        case Action::modify: return modify(change, *path, where);
        case Action::create: return create(change, *path, where);
        case Action::remove: return remove(*path, where);
        case Action::rename: return rename(change, *path, where, index);
        }
        return Ok{};
    }

    // Written paths must not need each other as directories ("a" and "a/b" both written).
    Status check_directory_conflicts() const
    {
        std::map<std::string, std::size_t> written;
        for (const auto& [op, index] : ops_)
            if (op.type == FileOp::Type::write)
                written.emplace(op.path, index);
        for (const auto& [path, index] : written) {
            for (std::size_t slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
                if (auto other = written.find(path.substr(0, slash)); other != written.end())
                    return patch_error(change_label(index) + ".path",
                                       path + " needs " + other->first + " to be a directory, but " + change_label(other->second) +
                                           " writes a file there");
            }
        }
        return Ok{};
    }

    // Written paths (and their folders) must stay distinct where names are compared without case
    // or Unicode normalisation (path_fold.hpp): such a tree loses a file on macOS and Windows.
    Status check_case_collisions() const
    {
        std::map<std::string, std::pair<std::string, std::size_t>> seen;   // key -> spelling, change
        for (const auto& [op, index] : ops_) {
            if (op.type != FileOp::Type::write)
                continue;
            for (std::size_t end = op.path.find('/');; end = op.path.find('/', end + 1)) {
                const std::string name = op.path.substr(0, end);
                auto [it, fresh] = seen.emplace(collision_key(name), std::make_pair(name, index));
                if (!fresh && it->second.first != name)
                    return make_error(ErrorKind::unsafe, change_label(index) + ".path: " + printable(name) + " and " +
                                                             printable(it->second.first) + " (" + change_label(it->second.second) +
                                                             ") differ only in letter case or Unicode normalisation: they are one "
                                                             "file on macOS and Windows, so the tree could not be checked out there");
                if (end == std::string::npos)
                    break;
            }
        }
        return Ok{};
    }

    std::vector<FileOp> take_ops()
    {
        std::vector<FileOp> ops;
        for (auto& [op, index] : ops_)
            ops.push_back(std::move(op));
        return ops;
    }

    std::vector<std::string> notes;

private:
    Status claim(const std::string& path, std::size_t index, const std::string& field)
    {
        auto [it, inserted] = claimed_.emplace(path, index);
        if (!inserted)
            return patch_error(field, path + " is also changed by " + change_label(it->second) +
                                          " (give each path in one change only, with all its edits)");
        return Ok{};
    }

    Result<std::string> read(const std::string& path, const std::string& where)
    {
        auto bytes = base_.read(path);
        if (!bytes)
            return bytes;
        if (auto size = check_size(bytes->size(), options_, where + ".path", path); !size)
            return size.take_error();
        return bytes;
    }

    // The new bytes of an existing file from the change's edits or content.
    Result<std::string> rewrite(const Change& change, const std::string& path, const std::string& where, std::string bytes)
    {
        if (change.edits) {
            auto edited = apply_edits(bytes, *change.edits, where, path);
            if (!edited)
                return edited.take_error();
            for (std::size_t k = 0; k < edited->tiers.size(); ++k)
                if (edited->tiers[k] != MatchTier::exact && edited->tiers[k] != MatchTier::line_endings)
                    notes.push_back(where + ".edits[" + std::to_string(k) + "]: " + path + ", matched with tolerance for " +
                                    std::string(tier_name(edited->tiers[k])));
            bytes = std::move(edited->bytes);
        } else if (change.content) {
            if (auto ok = check_base_text(bytes, where, path); !ok)
                return ok.take_error();
            if (auto ok = check_patch_text(*change.content, where + ".content"); !ok)
                return ok.take_error();
            bytes = keep_file_conventions(bytes, *change.content);
        }
        if (auto size = check_size(bytes.size(), options_, where, "the new text of " + path); !size)
            return size.take_error();
        return bytes;
    }

    Status modify(const Change& change, const std::string& path, const std::string& where)
    {
        auto entry = existing_file(base_, path, where + ".path", "modify");
        if (!entry)
            return entry.take_error();
        auto bytes = read(path, where);
        if (!bytes)
            return bytes.take_error();
        auto rewritten = rewrite(change, path, where, std::move(*bytes));
        if (!rewritten)
            return rewritten.take_error();
        push({FileOp::Type::write, path, std::move(*rewritten), entry->kind, change.content.has_value(), {}});
        return Ok{};
    }

    Status create(const Change& change, const std::string& path, const std::string& where)
    {
        if (auto free = free_path(base_, path, where + ".path", "create"); !free)
            return free;
        if (auto ok = check_patch_text(*change.content, where + ".content"); !ok)
            return ok;
        if (auto size = check_size(change.content->size(), options_, where + ".content", "the text"); !size)
            return size;
        push({FileOp::Type::write, path, *change.content, EntryKind::regular, true, {}});
        return Ok{};
    }

    Status remove(const std::string& path, const std::string& where)
    {
        auto entry = existing_file(base_, path, where + ".path", "delete");
        if (!entry)
            return entry.take_error();
        push({FileOp::Type::remove, path, {}, entry->kind, false, {}});
        return Ok{};
    }

    Status rename(const Change& change, const std::string& path, const std::string& where, std::size_t index)
    {
        auto new_path = normalize_path(*change.new_path, where + ".new_path", options_.allow_git_metadata_files);
        if (!new_path)
            return new_path.take_error();
        if (*new_path == path)
            return patch_error(where + ".new_path", "is the same as path (" + path + ")");
        if (auto claimed = claim(*new_path, index, where + ".new_path"); !claimed)
            return claimed;
        if (auto parents = check_parents(base_, *new_path, where + ".new_path"); !parents)
            return parents;
        auto entry = existing_file(base_, path, where + ".path", "rename");
        if (!entry)
            return entry.take_error();
        if (auto free = free_path(base_, *new_path, where + ".new_path", "rename"); !free)
            return free;
        auto bytes = read(path, where);
        if (!bytes)
            return bytes.take_error();
        auto rewritten = rewrite(change, path, where, std::move(*bytes));
        if (!rewritten)
            return rewritten.take_error();
        push({FileOp::Type::remove, path, {}, entry->kind, false, {}});
        push({FileOp::Type::write, *new_path, std::move(*rewritten), entry->kind, change.content.has_value(), path});
        return Ok{};
    }

    void push(FileOp op) { ops_.emplace_back(std::move(op), current_index_); }

    const BaseFiles& base_;
    const ResolveOptions& options_;
    std::map<std::string, std::size_t> claimed_;
    std::vector<std::pair<FileOp, std::size_t>> ops_;   // with the index of the change that made each
    std::size_t current_index_ = 0;
};

} // namespace

Result<ResolvedPatch> resolve(const Document& document, const BaseFiles& base, const ResolveOptions& options)
{
    if (document.changes.empty())
        return make_error(ErrorKind::patch, "changes: is empty (nothing to change)");
    Resolver resolver(base, options);
    for (std::size_t i = 0; i < document.changes.size(); ++i) {
        if (auto added = resolver.add(document.changes[i], i); !added)
            return added.take_error();
    }
    if (auto conflicts = resolver.check_directory_conflicts(); !conflicts)
        return conflicts.take_error();
    if (auto collisions = resolver.check_case_collisions(); !collisions)
        return collisions.take_error();
    ResolvedPatch resolved;
    resolved.summary = document.summary;
    resolved.explanation = document.explanation;
    resolved.ops = resolver.take_ops();
    resolved.changes = document.changes;
    resolved.notes = std::move(resolver.notes);
    return resolved;
}

} // namespace oneshot::patch
