// The example documents in patches/examples/ parse, apply to patches/examples/base/ and give
// exactly patches/examples/expected/<name>/.
#include "patch/tree_fixture.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace oneshot::patch;
using namespace oneshot::patch::testing;

TEST_CASE("every example document applies to the example base and gives its expected tree", "[patch]")
{
    const fs::path examples = fs::path(ONESHOT_SOURCE_DIR) / "patches" / "examples";
    const Tree base = load_tree(examples / "base");
    REQUIRE(base.size() == 4);
    std::size_t checked = 0;
    std::set<std::string> actions;
    for (const auto& entry : fs::directory_iterator(examples)) {
        if (entry.path().extension() != ".json")
            continue;
        const std::string name = entry.path().stem().string();
        INFO("example " << name);
        auto document = parse_document(read_bytes(entry.path()));
        REQUIRE(document.ok());
        for (const Change& change : document->changes)
            actions.insert(std::string(change.content ? "content-" : change.edits ? "edits-" : "") +
                           std::to_string(static_cast<int>(change.action)));
        auto result = apply_document(base, read_bytes(entry.path()));
        REQUIRE(result.ok());
        CHECK(*result == load_tree(examples / "expected" / name));
        ++checked;
    }
    CHECK(checked >= 8);
    // modify with edits, modify with content, create, delete, plain rename, rename with edits/content
    CHECK(actions.size() >= 6);
}
