#include "repo/object_stage.hpp"

#include "repo/pack_stream.hpp"

#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>

#include <unordered_set>
#include <vector>

namespace oneshot::repo {

namespace {

// Above every backend libgit2 adds by default, so writes land in memory.
constexpr int kMemoryPriority = 1000;

struct OidHash {
    std::size_t operator()(const git_oid& id) const
    {
        std::size_t h = 0;
        for (std::size_t i = 0; i < sizeof(h); ++i) h = (h << 8) | id.id[i];
        return h;
    }
};
struct OidEqual {
    bool operator()(const git_oid& a, const git_oid& b) const { return git_oid_equal(&a, &b) != 0; }
};

Result<GitOdb> odb_of(const Repository& repository)
{
    git_odb* raw = nullptr;
    if (git_repository_odb(&raw, repository.get()) != 0) {
        return make_error(ErrorKind::internal, "cannot open the object database: " + last_git_error());
    }
    return GitOdb(raw);
}

class Collector {
public:
    Collector(git_repository* staging, git_odb* odb, git_odb_backend* memory) : staging_(staging), odb_(odb), memory_(memory) {}

    // The staged objects reachable from `commit`, parents first. A tree that is not staged
    // existed before, and so did everything below it: the walk only descends into new trees.
    Result<std::vector<GitOdbObject>> from_commit(const git_oid& commit)
    {
        if (auto added = add(commit); !added) return added.take_error();
        git_commit* raw = nullptr;
        if (git_commit_lookup(&raw, staging_, &commit) != 0) return lookup_error(commit);
        GitCommit owner(raw);
        if (auto walked = walk_tree(*git_commit_tree_id(owner.get())); !walked) return walked.take_error();
        return std::move(objects_);
    }

private:
    bool staged(const git_oid& id) const { return memory_->exists(memory_, &id) != 0; }

    Error lookup_error(const git_oid& id) const
    {
        return make_error(ErrorKind::internal, "cannot read the new object " + oid_hex(id) + ": " + last_git_error());
    }

    // Returns true when `id` is staged and was not collected yet.
    Result<bool> add(const git_oid& id)
    {
        if (!staged(id) || !seen_.insert(id).second) return false;
        git_odb_object* raw = nullptr;
        if (git_odb_read(&raw, odb_, &id) != 0) return lookup_error(id);
        objects_.emplace_back(raw);
        return true;
    }

    Status walk_tree(const git_oid& tree_id)
    {
        auto added = add(tree_id);
        if (!added) return added.take_error();
        if (!*added) return Ok{};
        git_tree* raw = nullptr;
        if (git_tree_lookup(&raw, staging_, &tree_id) != 0) return lookup_error(tree_id);
        GitTree tree(raw);
        for (std::size_t i = 0, n = git_tree_entrycount(tree.get()); i < n; ++i) {
            const git_tree_entry* entry = git_tree_entry_byindex(tree.get(), i);
            const git_oid* id = git_tree_entry_id(entry);
            if (git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
                if (auto walked = walk_tree(*id); !walked) return walked;
            } else if (git_tree_entry_type(entry) == GIT_OBJECT_BLOB) {
                if (auto blob = add(*id); !blob) return blob.take_error();
            }
        }
        return Ok{};
    }

    git_repository* staging_;
    git_odb* odb_;
    git_odb_backend* memory_;
    std::unordered_set<git_oid, OidHash, OidEqual> seen_;
    std::vector<GitOdbObject> objects_;
};

Status store_loose(git_odb* target, const std::vector<GitOdbObject>& objects)
{
    for (const auto& object : objects) {
        git_oid written;
        if (git_odb_write(&written, target, git_odb_object_data(object.get()), git_odb_object_size(object.get()),
                          git_odb_object_type(object.get())) != 0) {
            return make_error(ErrorKind::internal, "cannot store object " + oid_hex(*git_odb_object_id(object.get())) + ": " + last_git_error());
        }
    }
    return Ok{};
}

Status store_pack(git_odb* target, const std::vector<GitOdbObject>& objects)
{
    std::vector<PackObject> parts;
    parts.reserve(objects.size());
    for (const auto& object : objects) {
        parts.push_back({git_odb_object_type(object.get()),
                         std::string_view(static_cast<const char*>(git_odb_object_data(object.get())), git_odb_object_size(object.get()))});
    }
    auto pack = encode_pack(parts);
    if (!pack) return pack.take_error();
    git_odb_writepack* writer = nullptr;
    if (git_odb_write_pack(&writer, target, nullptr, nullptr) != 0) {
        return make_error(ErrorKind::internal, "cannot write a pack: " + last_git_error());
    }
    git_indexer_progress progress{};
    const bool ok = writer->append(writer, pack->data(), pack->size(), &progress) == 0 && writer->commit(writer, &progress) == 0;
    const std::string why = ok ? std::string() : last_git_error();
    writer->free(writer);
    if (!ok) return make_error(ErrorKind::internal, "cannot store the new objects as a pack: " + why);
    return Ok{};
}

} // namespace

Result<ObjectStage> ObjectStage::open(const Repository& target)
{
    auto staging = Repository::open(git_repository_path(target.get()));
    if (!staging) return staging.take_error();
    auto odb = odb_of(*staging);
    if (!odb) return odb.take_error();
    git_odb_backend* memory = nullptr;
    if (git_mempack_new(&memory) != 0) {
        return make_error(ErrorKind::internal, "cannot create an in-memory object store: " + last_git_error());
    }
    if (git_odb_add_backend(odb->get(), memory, kMemoryPriority) != 0) {
        memory->free(memory);
        return make_error(ErrorKind::internal, "cannot stage objects in memory: " + last_git_error());
    }
    return ObjectStage(target, std::move(staging.value()), memory);
}

Status ObjectStage::store(const git_oid& commit, std::size_t pack_from)
{
    auto staging_odb = odb_of(staging_);
    if (!staging_odb) return staging_odb.take_error();
    Collector collector(staging_.get(), staging_odb->get(), memory_);
    auto objects = collector.from_commit(commit);
    if (!objects) return objects.take_error();
    if (objects->empty()) return Ok{};
    auto target_odb = odb_of(*target_);
    if (!target_odb) return target_odb.take_error();
    return objects->size() < pack_from ? store_loose(target_odb->get(), *objects) : store_pack(target_odb->get(), *objects);
}

} // namespace oneshot::repo
