// A new commit's objects are staged in memory and stored in one step: many as one pack, few as
// loose files; checked against git itself (fsck, cat-file, count-objects).
#include "repo/commit_writer.hpp"
#include "repo/object_stage.hpp"
#include "support/temp_repo.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <sstream>

using namespace oneshot;
using oneshot::testing::TempRepo;

namespace {

std::map<std::string, std::string> count_objects(const TempRepo& repo)
{
    std::map<std::string, std::string> counts;
    std::istringstream lines(repo.git("count-objects -v"));
    for (std::string line; std::getline(lines, line);) {
        const auto colon = line.find(':');
        if (colon != std::string::npos) counts[line.substr(0, colon)] = line.substr(colon + 2);
    }
    return counts;
}

std::string trimmed(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

// A patch creating `files` new files over two directories (plus the ones below), and changing one.
patch::ResolvedPatch patch_with(std::size_t files)
{
    patch::ResolvedPatch patch;
    patch.summary = "Many files";
    for (std::size_t i = 0; i < files; ++i) {
        patch::FileOp op;
        op.path = (i % 2 ? "src/gen/" : "lib/") + std::string("file") + std::to_string(i) + ".txt";
        op.content = "content of file " + std::to_string(i) + "\n";
        patch.ops.push_back(op);
    }
    patch::FileOp modify;
    modify.path = "README";
    modify.content = "changed\n";
    patch.ops.push_back(modify);
    patch::FileOp large;   // a size that takes four bytes of a pack object header
    large.path = "lib/large.txt";
    large.content = std::string(300000, 'x') + "\n";
    patch.ops.push_back(large);
    return patch;
}

Result<repo::NewCommit> commit_patch(const repo::Repository& repository, const patch::ResolvedPatch& patch)
{
    auto base = repository.resolve_commit("HEAD");
    REQUIRE(base);
    const repo::Identity who{"Test Author", "author@example.com", 1700000000, 0};
    return repo::write_commit(repository, *base, patch, "Many files\n", who, who);
}

} // namespace

TEST_CASE("A commit of many new objects is stored as one pack that git reads", "[repo]")
{
    TempRepo repo;
    repo.write("README", "base\n");
    repo.write("src/keep.txt", "unchanged\n");
    repo.commit_all("base");
    const auto before = count_objects(repo);

    auto repository = repo::Repository::open(repo.path());
    REQUIRE(repository);
    REQUIRE(repository->commit_tree(*repository->resolve_commit("HEAD")));   // the handle has read objects already
    auto commit = commit_patch(*repository, patch_with(120));
    REQUIRE(commit);
    const std::string sha = repo::oid_hex(commit->commit);
    // The caller's handle sees the new pack at once (the branch and the tests' worktree use it).
    CHECK(repository->commit_tree(commit->commit));

    const auto after = count_objects(repo);
    CHECK(after.at("count") == before.at("count"));   // no loose objects were added
    CHECK(after.at("packs") == "1");
    // 122 blobs, the trees root, lib, src, src/gen, and the commit.
    CHECK(after.at("in-pack") == "127");
    CHECK(trimmed(repo.git("fsck --strict --no-dangling --no-progress 2>&1")).empty());
    CHECK(repo.git("cat-file -t " + sha) == "commit\n");
    CHECK(repo.file_at(sha, "src/gen/file119.txt") == "content of file 119\n");
    CHECK(repo.file_at(sha, "lib/file0.txt") == "content of file 0\n");
    CHECK(repo.file_at(sha, "README") == "changed\n");
    CHECK(repo.file_at(sha, "src/keep.txt") == "unchanged\n");
    CHECK(repo.file_at(sha, "lib/large.txt") == std::string(300000, 'x') + "\n");
    CHECK(trimmed(repo.git("rev-list --count " + sha)) == "2");
}

TEST_CASE("A commit of few new objects is stored loose, as git stores them", "[repo]")
{
    TempRepo repo;
    repo.write("README", "base\n");
    repo.commit_all("base");
    const auto before = count_objects(repo);

    auto repository = repo::Repository::open(repo.path());
    REQUIRE(repository);
    auto commit = commit_patch(*repository, patch_with(3));
    REQUIRE(commit);
    const auto after = count_objects(repo);
    // 5 blobs, root, lib, src, src/gen, the commit.
    CHECK(std::stoi(after.at("count")) == std::stoi(before.at("count")) + 10);
    CHECK(after.at("packs") == "0");
    CHECK(trimmed(repo.git("fsck --strict --no-dangling --no-progress 2>&1")).empty());
    CHECK(repo.file_at(repo::oid_hex(commit->commit), "src/gen/file1.txt") == "content of file 1\n");
}

TEST_CASE("Staged objects reach the repository only when their commit is stored", "[repo]")
{
    TempRepo repo;
    repo.write("README", "base\n");
    const std::string base_sha = trimmed(repo.commit_all("base"));
    auto target = repo::Repository::open(repo.path());
    REQUIRE(target);
    auto stage = repo::ObjectStage::open(*target);
    REQUIRE(stage);
    git_repository* staging = stage->repository().get();

    // A blob the repository already has, one that the commit uses, and one nothing reaches.
    git_oid existing, used, stray;
    REQUIRE(git_blob_create_from_buffer(&existing, staging, "base\n", 5) == 0);
    REQUIRE(git_blob_create_from_buffer(&used, staging, "new\n", 4) == 0);
    REQUIRE(git_blob_create_from_buffer(&stray, staging, "stray\n", 6) == 0);
    git_treebuilder* builder = nullptr;
    REQUIRE(git_treebuilder_new(&builder, staging, nullptr) == 0);
    REQUIRE(git_treebuilder_insert(nullptr, builder, "README", &existing, GIT_FILEMODE_BLOB) == 0);
    REQUIRE(git_treebuilder_insert(nullptr, builder, "NEW", &used, GIT_FILEMODE_BLOB) == 0);
    git_oid tree_id;
    REQUIRE(git_treebuilder_write(&tree_id, builder) == 0);
    git_treebuilder_free(builder);
    auto commit_id = [&] {
        git_tree* tree = nullptr;
        REQUIRE(git_tree_lookup(&tree, staging, &tree_id) == 0);
        repo::GitTree owned(tree);
        git_signature* sig = nullptr;
        REQUIRE(git_signature_new(&sig, "Test Author", "author@example.com", 1700000000, 0) == 0);
        repo::GitSignature owned_sig(sig);
        git_oid base_oid;
        REQUIRE(git_oid_fromstr(&base_oid, base_sha.c_str()) == 0);
        git_commit* parent = nullptr;
        REQUIRE(git_commit_lookup(&parent, staging, &base_oid) == 0);
        repo::GitCommit owned_parent(parent);
        const git_commit* parents[] = {parent};
        git_oid id;
        REQUIRE(git_commit_create(&id, staging, nullptr, sig, sig, "UTF-8", "staged\n", tree, 1, parents) == 0);
        return id;
    }();
    const auto exists = [&](const git_oid& id) {
        return std::system(("git -C " + oneshot::testing::quote(repo.path().string()) + " cat-file -e " + repo::oid_hex(id) + " 2>/dev/null").c_str()) == 0;
    };
    CHECK_FALSE(exists(used));
    CHECK_FALSE(exists(commit_id));

    REQUIRE(stage->store(commit_id));
    CHECK(exists(used));
    CHECK(exists(tree_id));
    CHECK(exists(commit_id));
    CHECK(exists(existing));
    CHECK_FALSE(exists(stray));
    CHECK(trimmed(repo.git("fsck --strict --no-dangling --no-progress 2>&1")).empty());
}
