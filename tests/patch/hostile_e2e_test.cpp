// The hostile corpus through the real binary: `git oneshot apply DOC --branch NAME --no-test` in a
// real repository (with a symlink, a symlinked directory and a submodule) exits 4, creates no
// branch, leaves HEAD, index, work tree and refs as they were, and writes nothing beside the
// repository.
#include "patch/git_sandbox.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace oneshot;
using namespace oneshot::patch;
using namespace oneshot::patch::testing;

namespace {

std::vector<std::string> listing(const fs::path& dir)
{
    std::vector<std::string> names;
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
        if (it->path().filename() == ".git") {
            it.disable_recursion_pending();
            continue;
        }
        names.push_back(it->path().lexically_relative(dir).string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

TEST_CASE("every hostile document is refused by git oneshot apply and changes nothing", "[patch][e2e]")
{
    const fs::path hostile = fs::path(ONESHOT_SOURCE_DIR) / "tests" / "patch" / "hostile";
    GitSandbox repo;
    repo.write_tree(load_tree(hostile / "base"));
    REQUIRE(repo.run("git add -A && git update-index --add --cacheinfo 160000,4b825dc642cb6eb9a060e54bf8d69288fbee4904,vendor/sub"
                     " && git commit -q -m base") == 0);
    const std::string state_command = "git rev-parse HEAD && git for-each-ref && git status --porcelain=v2 --ignored && git ls-files -s";
    const std::string state_before = repo.output(state_command);
    const std::vector<std::string> scratch_before = listing(repo.scratch());

    std::size_t checked = 0;
    for (const auto& entry : fs::directory_iterator(hostile)) {
        if (entry.path().extension() != ".json")
            continue;
        INFO("hostile document " << entry.path().filename().string());
        const std::string out = (repo.scratch() / "apply.out").string();
        const int code = repo.run(shell_quote(ONESHOT_BINARY) + " apply --json --no-test --branch hostile-probe " +
                                  shell_quote(entry.path().string()) + " >" + shell_quote(out) + " 2>&1");
        const std::string report = read_bytes(out);
        fs::remove(out);
        INFO(report);
        CHECK(code == 4);
        CHECK_THAT(report, Catch::Contains("\"kind\":\"patch\"") || Catch::Contains("\"kind\":\"unsafe\"") ||
                               Catch::Contains("\"kind\": \"patch\"") || Catch::Contains("\"kind\": \"unsafe\""));
        CHECK(repo.output(state_command) == state_before);
        CHECK(listing(repo.scratch()) == scratch_before);
        ++checked;
    }
    CHECK(checked >= 40);
}
