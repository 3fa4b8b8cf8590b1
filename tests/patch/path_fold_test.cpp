// Paths that are one file on macOS or Windows: differing only in letter case or in Unicode
// normalisation. A patch writing two of them is refused, naming both.
#include "patch/engine.hpp"
#include "patch/memory_base.hpp"
#include "patch/path_fold.hpp"

#include <catch2/catch.hpp>

#include <optional>

using namespace oneshot;
using namespace oneshot::patch;

namespace {

// A create (no new_path) or a rename (new_path given) of one path.
Change change_of(std::string path, std::optional<std::string> new_path = std::nullopt)
{
    Change c;
    c.path = std::move(path);
    c.action = new_path ? Action::rename : Action::create;
    c.new_path = std::move(new_path);
    if (c.action == Action::create) c.content = "text\n";
    return c;
}

Result<ResolvedPatch> resolve_changes(std::vector<Change> changes)
{
    MemoryBaseFiles base;
    base.add("src/a.c", "int a;\n");
    base.add("readme.txt", "hello\n");
    return resolve(Document{"s", "b", std::move(changes)}, base, ResolveOptions{});
}

const std::string cafe_nfc = "caf\xC3\xA9";      // é as U+00E9
const std::string cafe_nfd = "cafe\xCC\x81";     // e + U+0301

} // namespace

TEST_CASE("collision keys fold letter case and Unicode normalisation", "[patch]")
{
    CHECK(collision_key("README.md") == collision_key("readme.MD"));
    CHECK(collision_key(cafe_nfc) == collision_key(cafe_nfd));
    CHECK(collision_key("a/b") != collision_key("a/c"));
    CHECK(collision_key("a") != collision_key("a "));
}

TEST_CASE("a patch writing two paths that are one file on macOS or Windows is refused", "[patch]")
{
    SECTION("letter case")
    {
        auto result = resolve_changes({change_of("docs/Guide.md"), change_of("docs/guide.md")});
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().kind == ErrorKind::unsafe);
        CHECK_THAT(result.error().message, Catch::Contains("docs/guide.md") && Catch::Contains("docs/Guide.md") &&
                                               Catch::Contains("letter case or Unicode normalisation"));
    }
    SECTION("Unicode normalisation")
    {
        auto result = resolve_changes({change_of(cafe_nfc + ".txt"), change_of(cafe_nfd + ".txt")});
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().kind == ErrorKind::unsafe);
    }
    SECTION("a folder spelt two ways")
    {
        auto result = resolve_changes({change_of("Lib/x.c"), change_of("lib/y.c")});
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().kind == ErrorKind::unsafe);
        CHECK_THAT(result.error().message, Catch::Contains("Lib") && Catch::Contains("lib"));
    }
    SECTION("a rename next to a create of the same folded name")
    {
        auto result = resolve_changes({change_of("src/a.c", "src/B.c"), change_of("src/b.c")});
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().kind == ErrorKind::unsafe);
    }
}

TEST_CASE("distinct paths and a case-only rename still resolve", "[patch]")
{
    auto distinct = resolve_changes({change_of("docs/a.md"), change_of("docs/b.md"), change_of("src/new.c")});
    CHECK(distinct.ok());
    // The old name goes as the new one comes: the resulting tree holds one spelling only.
    auto case_rename = resolve_changes({change_of("readme.txt", "README.txt")});
    CHECK(case_rename.ok());
}
