#include "repo/git_source_tree.hpp"

#include "repo/blob_size_cache.hpp"

#include <algorithm>
#include <cstring>

namespace oneshot::repo {

namespace {

struct WalkState {
    std::vector<context::TrackedFile>* files;
    std::vector<git_oid>* ids;   // parallel to files
};

int collect_blob(const char* root, const git_tree_entry* entry, void* payload)
{
    auto* state = static_cast<WalkState*>(payload);
    const git_filemode_t mode = git_tree_entry_filemode(entry);
    if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE) return 0;
    context::TrackedFile file;
    file.path = std::string(root) + git_tree_entry_name(entry);
    const git_oid* id = git_tree_entry_id(entry);
    file.oid = oid_hex(*id);
    file.executable = mode == GIT_FILEMODE_BLOB_EXECUTABLE;
    state->files->push_back(std::move(file));
    state->ids->push_back(*id);
    return 0;
}

} // namespace

Result<GitSourceTree> GitSourceTree::load(const Repository& repository, const git_oid& commit_id)
{
    git_odb* raw_odb = nullptr;
    if (git_repository_odb(&raw_odb, repository.get()) != 0) {
        return make_error(ErrorKind::internal, "cannot open the object database: " + last_git_error());
    }
    GitSourceTree tree(repository, commit_id, GitOdb(raw_odb));
    auto root = repository.commit_tree(commit_id);
    if (!root) return root.take_error();
    std::vector<git_oid> ids;
    WalkState state{&tree.files_, &ids};
    if (git_tree_walk(root->get(), GIT_TREEWALK_PRE, collect_blob, &state) != 0) {
        return make_error(ErrorKind::internal, "cannot list the tree of " + oid_hex(commit_id) + ": " + last_git_error());
    }
    // Sizes from the last listing where the blob is the same; the object database for the rest.
    const BlobSizeCache sizes(tree.cache_dir() / "context" / "blob-sizes");
    std::vector<BlobSizeCache::Entry> known;   // what the next listing may reuse
    known.reserve(ids.size());
    std::size_t asked = 0;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        BlobSizeCache::Entry entry;
        std::memcpy(entry.id.data(), ids[i].id, GIT_OID_RAWSZ);
        if (auto cached = sizes.find(ids[i])) {
            entry.size = *cached;
        } else {
            ++asked;
            std::size_t size = 0;
            git_object_t type{};
            if (git_odb_read_header(&size, &type, tree.odb_.get(), &ids[i]) != 0) continue;   // unreadable: size 0, not remembered
            entry.size = size;
        }
        tree.files_[i].size = entry.size;
        known.push_back(entry);
    }
    if (asked > 0) sizes.save(std::move(known));   // a cache that cannot be written only costs time
    std::sort(tree.files_.begin(), tree.files_.end(),
              [](const auto& a, const auto& b) { return a.path < b.path; });
    return tree;
}

Result<std::string> GitSourceTree::read(const context::TrackedFile& file) const
{
    git_oid id;
    if (git_oid_fromstr(&id, file.oid.c_str()) != 0) {
        return make_error(ErrorKind::internal, "bad object id for " + file.path);
    }
    git_odb_object* raw = nullptr;
    if (git_odb_read(&raw, odb_.get(), &id) != 0) {
        return make_error(ErrorKind::internal, "cannot read " + file.path + ": " + last_git_error());
    }
    GitOdbObject object(raw);
    const auto* data = static_cast<const char*>(git_odb_object_data(object.get()));
    return std::string(data, git_odb_object_size(object.get()));
}

std::vector<context::HistoryCommit> GitSourceTree::history(std::size_t max_commits) const
{
    std::vector<context::HistoryCommit> commits;
    git_revwalk* raw_walk = nullptr;
    if (git_revwalk_new(&raw_walk, repository_->get()) != 0) return commits;
    GitRevwalk walk(raw_walk);
    // Default (lazy) order: GIT_SORT_TIME walks the whole history before returning the first
    // commit (1.2 s on git.git for any max_commits).
    git_revwalk_sorting(walk.get(), GIT_SORT_NONE);
    if (git_revwalk_push(walk.get(), &commit_id_) != 0) return commits;

    git_oid id;
    while (commits.size() < max_commits && git_revwalk_next(&id, walk.get()) == 0) {
        auto commit = repository_->lookup_commit(id);
        if (!commit) break;
        if (git_commit_parentcount(commit->get()) > 1) continue;   // merges repeat their parents' changes
        context::HistoryCommit entry;
        entry.id = oid_hex(id);
        entry.time = static_cast<std::int64_t>(git_commit_time(commit->get()));

        git_tree* raw_tree = nullptr;
        git_tree* raw_parent_tree = nullptr;
        if (git_commit_tree(&raw_tree, commit->get()) != 0) continue;
        GitTree tree(raw_tree);
        GitTree parent_tree;
        if (git_commit_parentcount(commit->get()) == 1) {
            git_commit* raw_parent = nullptr;
            if (git_commit_parent(&raw_parent, commit->get(), 0) == 0) {
                GitCommit parent(raw_parent);
                if (git_commit_tree(&raw_parent_tree, parent.get()) == 0) parent_tree.reset(raw_parent_tree);
            }
        }
        git_diff* raw_diff = nullptr;
        git_diff_options options = GIT_DIFF_OPTIONS_INIT;
        options.flags = GIT_DIFF_SKIP_BINARY_CHECK;
        if (git_diff_tree_to_tree(&raw_diff, repository_->get(), parent_tree.get(), tree.get(), &options) != 0) continue;
        GitDiff diff(raw_diff);
        const std::size_t deltas = git_diff_num_deltas(diff.get());
        for (std::size_t i = 0; i < deltas; ++i) {
            const git_diff_delta* delta = git_diff_get_delta(diff.get(), i);
            entry.paths.emplace_back(delta->new_file.path ? delta->new_file.path : delta->old_file.path);
        }
        commits.push_back(std::move(entry));
    }
    return commits;
}

std::filesystem::path GitSourceTree::cache_dir() const
{
    return repository_->git_dir() / "oneshot" / "cache";
}

} // namespace oneshot::repo
