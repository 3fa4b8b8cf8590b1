// normalize_path: confinement to the repository and git's own files, on every filesystem git uses.
#include "patch/paths.hpp"

#include <catch2/catch.hpp>

using namespace oneshot;
using namespace oneshot::patch;

namespace {

ErrorKind refused(std::string_view raw, bool allow_meta = false)
{
    auto result = normalize_path(raw, "changes[0].path", allow_meta);
    REQUIRE_FALSE(result.ok());
    CHECK_THAT(result.error().message, Catch::StartsWith("changes[0].path: "));
    return result.error().kind;
}

} // namespace

TEST_CASE("paths are normalised", "[patch]")
{
    CHECK(*normalize_path("src/a.c", "p", false) == "src/a.c");
    CHECK(*normalize_path("./src//a.c", "p", false) == "src/a.c");
    CHECK(*normalize_path("src/./lib/a.c", "p", false) == "src/lib/a.c");
    CHECK(*normalize_path(".github/workflows/ci.yml", "p", false) == ".github/workflows/ci.yml");
    CHECK(*normalize_path("docs/.gitkeep", "p", false) == "docs/.gitkeep");
    CHECK(*normalize_path("héllo/wörld.txt", "p", false) == "héllo/wörld.txt");
    // ".." is only dangerous as a whole component; names that merely contain two dots are files.
    CHECK(*normalize_path("..u/otside.txt", "p", false) == "..u/otside.txt");
    CHECK(*normalize_path("a/b..c/...", "p", false) == "a/b..c/...");
}

TEST_CASE("paths that escape the repository or reach .git are unsafe", "[patch]")
{
    for (std::string_view raw : {"/etc/passwd", "../x", "a/../../x", "a/..", "..", "C:/x", "c:x", "a\\..\\b",
                                 ".git/config", ".GIT/hooks/pre-commit", "sub/.Git/config", ".git./config",
                                 ".git /config", "GIT~1/config", ".git::$INDEX_ALLOCATION/config",
                                 ".g\xE2\x80\x8Cit/config", "\xEF\xBB\xBF.git/config", "a/.git"}) {
        INFO(raw);
        CHECK(refused(raw) == ErrorKind::unsafe);
    }
    CHECK(refused(std::string_view("a\0b", 3)) == ErrorKind::unsafe);
    CHECK(refused("a\nb") == ErrorKind::unsafe);
    CHECK(refused("a\x1b[31mred") == ErrorKind::unsafe);
}

TEST_CASE("files git interprets are refused unless allowed", "[patch]")
{
    for (std::string_view raw : {".gitmodules", "sub/.gitattributes", ".gitignore", ".GITMODULES", ".gitmodules.", "GITMOD~1"}) {
        INFO(raw);
        CHECK(refused(raw) == ErrorKind::unsafe);
    }
    CHECK(normalize_path(".gitignore", "p", true).ok());
    CHECK(normalize_path("x/.gitattributes", "p", true).ok());
    CHECK(refused(".git/config", true) == ErrorKind::unsafe);
}

TEST_CASE("malformed paths are patch errors", "[patch]")
{
    CHECK(refused("") == ErrorKind::patch);
    CHECK(refused("src/") == ErrorKind::patch);
    CHECK(refused(".") == ErrorKind::patch);
    CHECK(refused("./") == ErrorKind::patch);
    CHECK(refused(std::string(300, 'a')) == ErrorKind::patch);
    CHECK(refused("a/\xff.c") == ErrorKind::patch);
}
