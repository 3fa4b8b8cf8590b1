#include "repo/language_evidence.hpp"

#include "repo/git_handles.hpp"

#include <string>
#include <utility>
#include <vector>

namespace oneshot::repo {

namespace {

struct Walk {
    context::LanguageEvidence* evidence;
    std::vector<std::pair<std::string, git_oid>> attributes;   // .gitattributes paths and blobs
};

int note_entry(const char* root, const git_tree_entry* entry, void* payload)
{
    auto* walk = static_cast<Walk*>(payload);
    const git_filemode_t mode = git_tree_entry_filemode(entry);
    if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE) return 0;
    const std::string path = std::string(root) + git_tree_entry_name(entry);
    context::note_source_path(*walk->evidence, path);
    if (context::gitattributes_dir(path)) walk->attributes.emplace_back(path, *git_tree_entry_id(entry));
    return 0;
}

} // namespace

Result<context::LanguageEvidence> language_evidence(const Repository& repository, const git_oid& commit_id)
{
    auto tree = repository.commit_tree(commit_id);
    if (!tree) return tree.take_error();
    context::LanguageEvidence evidence;
    Walk walk{&evidence, {}};
    if (git_tree_walk(tree->get(), GIT_TREEWALK_PRE, note_entry, &walk) != 0) {
        return make_error(ErrorKind::internal, "cannot list the tree of " + oid_hex(commit_id) + ": " + last_git_error());
    }
    std::vector<std::pair<std::string, std::string>> texts;
    for (const auto& [path, id] : walk.attributes) {
        git_blob* raw = nullptr;
        if (git_blob_lookup(&raw, repository.get(), &id) != 0) continue;   // unreadable: no rules from it
        const GitBlob blob(raw);
        texts.emplace_back(path, std::string(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                                             static_cast<std::size_t>(git_blob_rawsize(blob.get()))));
    }
    context::add_gitattributes_files(evidence, std::move(texts));
    return evidence;
}

} // namespace oneshot::repo
