#include "repo/blob_size_cache.hpp"
#include "repo/git_source_tree.hpp"
#include "repo/repository.hpp"
#include "support/temp_repo.hpp"

#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>
#include <map>

using namespace oneshot;
using oneshot::testing::TempRepo;

namespace {

std::map<std::string, std::uint64_t> sizes_at(const repo::Repository& repository, const std::string& revision)
{
    auto commit = repository.resolve_commit(revision);
    REQUIRE(commit);
    auto tree = repo::GitSourceTree::load(repository, *commit);
    REQUIRE(tree);
    std::map<std::string, std::uint64_t> out;
    for (const auto& f : tree->files()) out[f.path] = f.size;
    return out;
}

git_oid oid_of(const std::string& hex)
{
    git_oid id;
    REQUIRE(git_oid_fromstr(&id, hex.c_str()) == 0);
    return id;
}

} // namespace

TEST_CASE("tree listings give blob sizes, the same whether remembered from the last listing or not", "[context]")
{
    TempRepo temp;
    temp.write("a.c", "int a;\n");
    temp.write("src/b.py", std::string(5000, 'x'));
    temp.commit_all("first");
    auto repository = repo::Repository::open(temp.path());
    REQUIRE(repository);
    const auto sizes_file = repository->git_dir() / "oneshot" / "cache" / "context" / "blob-sizes";

    const std::map<std::string, std::uint64_t> first{{"a.c", 7}, {"src/b.py", 5000}};
    CHECK(sizes_at(*repository, "HEAD") == first);
    REQUIRE(std::filesystem::exists(sizes_file));
    CHECK(sizes_at(*repository, "HEAD") == first);   // now from the file

    // A changed blob is not in the file: its size comes from the object database.
    temp.write("a.c", "int a, b;\n");
    temp.commit_all("second");
    CHECK(sizes_at(*repository, "HEAD") == std::map<std::string, std::uint64_t>{{"a.c", 10}, {"src/b.py", 5000}});

    // A damaged file is ignored, not trusted.
    std::filesystem::resize_file(sizes_file, std::filesystem::file_size(sizes_file) - 3);
    CHECK(repo::BlobSizeCache(sizes_file).find(oid_of(temp.git("rev-parse HEAD:a.c").substr(0, 40))) == std::nullopt);
    CHECK(sizes_at(*repository, "HEAD~1") == first);
}

TEST_CASE("the blob size file keeps exactly what it was given and refuses foreign content", "[context]")
{
    TempRepo temp;
    const auto file = temp.path() / "sizes";
    repo::BlobSizeCache::Entry a, b;
    a.id.fill(0x11);
    a.size = 1;
    b.id.fill(0xee);
    b.size = std::uint64_t{1} << 40;
    REQUIRE(repo::BlobSizeCache(file).save({b, a, b}));
    const repo::BlobSizeCache cache(file);
    git_oid id;
    std::memcpy(id.id, b.id.data(), GIT_OID_RAWSZ);
    CHECK(cache.find(id) == b.size);
    std::memcpy(id.id, a.id.data(), GIT_OID_RAWSZ);
    CHECK(cache.find(id) == 1u);
    id.id[0] = 0x12;
    CHECK(cache.find(id) == std::nullopt);

    std::ofstream(file, std::ios::trunc) << "not a size file";
    std::memcpy(id.id, a.id.data(), GIT_OID_RAWSZ);
    CHECK(repo::BlobSizeCache(file).find(id) == std::nullopt);
}
