// The hostile-document corpus, tests/patch/hostile/<kind>-<name>.json, against the tree in
// tests/patch/hostile/base/ (plus a submodule at vendor/sub): every document is refused with the
// error kind its name starts with and a message that names where the problem is.
#include "patch/tree_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace oneshot;
using namespace oneshot::patch;
using namespace oneshot::patch::testing;

TEST_CASE("every hostile document is refused with a clear error of its kind", "[patch]")
{
    const fs::path root = fs::path(ONESHOT_SOURCE_DIR) / "tests" / "patch" / "hostile";
    MemoryBaseFiles base = memory_base(load_tree(root / "base"));
    base.add("vendor/sub", "4b825dc642cb6eb9a060e54bf8d69288fbee4904", EntryKind::submodule);
    REQUIRE(base.lookup("linkdir").has_value());
    REQUIRE(base.lookup("linkdir")->kind == EntryKind::symlink);

    std::vector<fs::path> documents;
    for (const auto& entry : fs::directory_iterator(root))
        if (entry.path().extension() == ".json")
            documents.push_back(entry.path());
    std::sort(documents.begin(), documents.end());
    REQUIRE(documents.size() >= 40);
    for (const fs::path& path : documents) {
        const std::string name = path.stem().string();
        const std::string expected_kind = name.substr(0, name.find('-'));
        INFO("hostile document " << name);
        auto document = parse_document(read_bytes(path));
        Error error;
        if (document) {
            auto resolved = resolve(*document, base);
            REQUIRE_FALSE(resolved.ok());
            error = resolved.error();
            // Past parsing, every message names the change and field at fault.
            CHECK_THAT(error.message, Catch::StartsWith("changes["));
        } else {
            error = document.error();
        }
        INFO(error.message);
        CHECK(to_string(error.kind) == expected_kind);
        CHECK(error.message.size() > 20);
        // One line, printable: a hostile path cannot forge extra output lines or terminal escapes.
        CHECK(error.message.find('\n') == std::string::npos);
        CHECK(error.message.find('\x1b') == std::string::npos);
    }
}
