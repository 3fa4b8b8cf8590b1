#include "repo/commit_writer.hpp"

#include "repo/object_stage.hpp"

#include <vector>

namespace oneshot::repo {

namespace {

// New text from a patch goes through the repository's clean filters (core.autocrlf, eol and text
// attributes), as `git add` would do; attributes come from the base commit, not the working tree,
// so uncommitted .gitattributes edits cannot change what is committed.
Result<std::string> clean_filtered(const Repository& repository, const git_oid& base_commit,
                                   const std::string& path, const std::string& content)
{
    git_filter_options options = GIT_FILTER_OPTIONS_INIT;
    options.flags = GIT_FILTER_ATTRIBUTES_FROM_COMMIT | GIT_FILTER_NO_SYSTEM_ATTRIBUTES;
    options.attr_commit_id = base_commit;
    git_filter_list* raw = nullptr;
    if (git_filter_list_load_ext(&raw, repository.get(), nullptr, path.c_str(), GIT_FILTER_TO_ODB, &options) != 0) {
        return make_error(ErrorKind::internal, "cannot load the filters for " + path + ": " + last_git_error());
    }
    if (!raw) return content;   // no filter applies
    GitFilterList filters(raw);
    GitBuf out;
    if (git_filter_list_apply_to_buffer(&out.buf, filters.get(), content.data(), content.size()) != 0) {
        return make_error(ErrorKind::patch, "the repository's filters refuse the new text of " + path + ": " + last_git_error());
    }
    return out.str();
}

} // namespace

std::string commit_message(const std::string& summary, const std::string& explanation,
                           const std::vector<std::pair<std::string, std::string>>& trailers)
{
    std::string message = summary;
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    message += "\n";
    std::string body = explanation;
    while (!body.empty() && (body.back() == '\n' || body.back() == ' ')) body.pop_back();
    if (!body.empty()) message += "\n" + body + "\n";
    if (!trailers.empty()) {
        message += "\n";
        for (const auto& [key, value] : trailers) message += key + ": " + value + "\n";
    }
    return message;
}

Result<NewCommit> write_commit(const Repository& target, const git_oid& base_commit,
                               const patch::ResolvedPatch& patch, const std::string& message,
                               const Identity& author, const Identity& committer)
{
    auto stage = ObjectStage::open(target);
    if (!stage) return stage.take_error();
    const Repository& repository = stage->repository();
    auto base = repository.lookup_commit(base_commit);
    if (!base) return base.take_error();
    auto base_tree = repository.commit_tree(base_commit);
    if (!base_tree) return base_tree.take_error();

    std::vector<git_tree_update> updates;
    updates.reserve(patch.ops.size());
    for (const auto& op : patch.ops) {
        git_tree_update update{};
        update.path = op.path.c_str();
        if (op.type == patch::FileOp::Type::remove) {
            update.action = GIT_TREE_UPDATE_REMOVE;
        } else {
            std::string bytes = op.content;
            if (op.new_text) {
                auto filtered = clean_filtered(repository, base_commit, op.path, op.content);
                if (!filtered) return filtered.take_error();
                bytes = std::move(filtered.value());
            }
            if (git_blob_create_from_buffer(&update.id, repository.get(), bytes.data(), bytes.size()) != 0) {
                return make_error(ErrorKind::internal, "cannot store " + op.path + ": " + last_git_error());
            }
            update.action = GIT_TREE_UPDATE_UPSERT;
            update.filemode = op.kind == patch::EntryKind::executable ? GIT_FILEMODE_BLOB_EXECUTABLE : GIT_FILEMODE_BLOB;
        }
        updates.push_back(update);
    }

    NewCommit result;
    if (git_tree_create_updated(&result.tree, repository.get(), base_tree->get(), updates.size(), updates.data()) != 0) {
        return make_error(ErrorKind::patch, "cannot build the new tree: " + last_git_error());
    }
    if (git_oid_equal(&result.tree, git_tree_id(base_tree->get()))) {
        return make_error(ErrorKind::patch, "the patch changes nothing: the new tree equals the base tree");
    }
    git_tree* raw_tree = nullptr;
    if (git_tree_lookup(&raw_tree, repository.get(), &result.tree) != 0) {
        return make_error(ErrorKind::internal, "cannot read the new tree: " + last_git_error());
    }
    GitTree tree(raw_tree);
    auto author_sig = to_signature(author);
    if (!author_sig) return author_sig.take_error();
    auto committer_sig = to_signature(committer);
    if (!committer_sig) return committer_sig.take_error();
    const git_commit* parents[] = {base->get()};
    if (git_commit_create(&result.commit, repository.get(), nullptr, author_sig->get(), committer_sig->get(),
                          "UTF-8", message.c_str(), tree.get(), 1, parents) != 0) {
        return make_error(ErrorKind::internal, "cannot create the commit: " + last_git_error());
    }
    if (auto stored = stage->store(result.commit); !stored) return stored.take_error();
    return result;
}

} // namespace oneshot::repo
