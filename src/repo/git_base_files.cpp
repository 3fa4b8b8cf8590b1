#include "repo/git_base_files.hpp"

#include <string>

namespace oneshot::repo {

namespace {

patch::EntryKind kind_of(git_filemode_t mode)
{
    switch (mode) {
    case GIT_FILEMODE_BLOB_EXECUTABLE: return patch::EntryKind::executable;
    case GIT_FILEMODE_LINK: return patch::EntryKind::symlink;
    case GIT_FILEMODE_COMMIT: return patch::EntryKind::submodule;
    case GIT_FILEMODE_TREE: return patch::EntryKind::directory;
    default: return patch::EntryKind::regular;
    }
}

} // namespace

std::optional<patch::BaseEntry> GitBaseFiles::lookup(std::string_view path) const
{
    if (path.empty()) return patch::BaseEntry{patch::EntryKind::directory, {}};
    git_tree_entry* raw = nullptr;
    const std::string key(path);
    if (git_tree_entry_bypath(&raw, tree_.get(), key.c_str()) != 0) return std::nullopt;
    GitTreeEntry entry(raw);
    const auto kind = kind_of(git_tree_entry_filemode(entry.get()));
    return patch::BaseEntry{kind, kind == patch::EntryKind::directory ? std::string() : oid_hex(*git_tree_entry_id(entry.get()))};
}

Result<std::string> GitBaseFiles::read(std::string_view path) const
{
    git_tree_entry* raw = nullptr;
    const std::string key(path);
    if (git_tree_entry_bypath(&raw, tree_.get(), key.c_str()) != 0) {
        return make_error(ErrorKind::patch, "no file '" + key + "' at the base revision");
    }
    GitTreeEntry entry(raw);
    git_blob* blob_raw = nullptr;
    if (git_blob_lookup(&blob_raw, repository_.get(), git_tree_entry_id(entry.get())) != 0) {
        return make_error(ErrorKind::patch, "'" + key + "' is not a file at the base revision");
    }
    GitBlob blob(blob_raw);
    const auto* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
    return std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

} // namespace oneshot::repo
