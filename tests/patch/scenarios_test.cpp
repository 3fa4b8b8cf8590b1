// Scenario directories, tests/patch/scenarios/NNN_name/: base/ (the base tree), patch.json, and
// either expected/ (the whole tree after the patch, compared byte for byte with kinds) or
// expected_error (line 1: the error kind, line 2: text the message must contain).
#include "patch/tree_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace oneshot;
using namespace oneshot::patch;
using namespace oneshot::patch::testing;

TEST_CASE("scenario directories apply to exactly their expected tree or fail with their expected error", "[patch]")
{
    const fs::path root = fs::path(ONESHOT_SOURCE_DIR) / "tests" / "patch" / "scenarios";
    std::vector<fs::path> dirs;
    for (const auto& entry : fs::directory_iterator(root))
        if (entry.is_directory())
            dirs.push_back(entry.path());
    std::sort(dirs.begin(), dirs.end());
    REQUIRE(dirs.size() >= 20);
    for (const fs::path& dir : dirs) {
        INFO("scenario " << dir.filename().string());
        const Tree base = load_tree(dir / "base");
        auto result = apply_document(base, read_bytes(dir / "patch.json"));
        if (fs::exists(dir / "expected_error")) {
            std::istringstream expected(read_bytes(dir / "expected_error"));
            std::string kind, text;
            std::getline(expected, kind);
            std::getline(expected, text);
            REQUIRE_FALSE(result.ok());
            CHECK(to_string(result.error().kind) == kind);
            CHECK_THAT(result.error().message, Catch::Contains(text));
        } else {
            INFO((result.ok() ? std::string() : result.error().message));
            REQUIRE(result.ok());
            CHECK(*result == load_tree(dir / "expected"));
        }
    }
}
