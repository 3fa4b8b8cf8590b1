// --output and --no-branch: the change as a `git format-patch` mbox that real `git am` applies on
// the base, giving exactly the tree of the commit git-oneshot made and tested.
#include "support/batch_fixture.hpp"
#include "support/example_repo.hpp"
#include "support/fake_server.hpp"
#include "support/run_tool.hpp"
#include "support/temp_repo.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace oneshot::testing;
using nlohmann::json;

namespace {

// `git am` of the mbox in a fresh clone checked out at `base`; returns the resulting tree id.
std::string tree_after_am(const std::filesystem::path& repo, const std::string& base, const std::filesystem::path& mbox)
{
    const auto clone = repo.parent_path() / ("am-" + std::to_string(std::hash<std::string>{}(mbox.string())));
    std::filesystem::remove_all(clone);
    shell("git clone -q " + quote(repo.string()) + " " + quote(clone.string()) + " && git -C " + quote(clone.string()) +
          " checkout -q --detach " + base + " && git -C " + quote(clone.string()) +
          " -c user.name=Reviewer -c user.email=r@example.com am -q " + quote(mbox.string()));
    const std::string tree = shell("git -C " + quote(clone.string()) + " rev-parse HEAD^{tree}");
    std::filesystem::remove_all(clone);
    return tree;
}

std::vector<std::pair<std::string, std::string>> model_env(const FakeModelServer& server)
{
    return {{"OPENAI_BASE_URL", server.base_url()}, {"OPENAI_API_KEY", "sk-test"}};
}

} // namespace

TEST_CASE("run --output: the mbox carries subject, explanation, model and usage, and git am applies it on the base", "[batch][e2e]")
{
    ExampleRepo example;
    FakeModelServer server(json::array({{{"answer", example_answer()}}}).dump());
    const auto mbox = example.repo.path().parent_path() / "change.mbox";
    auto run = run_tool(example.repo.path(), "--provider openai --model o3 --json --output " + quote(mbox.string()) + " 'Rename Store.load to Store.read'",
                        model_env(server));
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto report = json::parse(run.out);
    const std::string text = read_file(mbox);
    CHECK(text.rfind("From " + report["commit"].get<std::string>() + " Mon Sep 17 00:00:00 2001\n", 0) == 0);
    CHECK(text.find("Subject: [PATCH] Rename Store.load to Store.read and update its callers\n") != std::string::npos);
    CHECK(text.find("Generated-by: git-oneshot") != std::string::npos);
    CHECK(text.find("Model: openai/o3\n") != std::string::npos);
    CHECK(text.find("Usage: ") != std::string::npos);
    CHECK(text.find("4 files changed") != std::string::npos);
    const std::string branch_tree = example.repo.git("rev-parse " + report["branch"].get<std::string>() + "^{tree}");
    CHECK(tree_after_am(example.repo.path(), example.head, mbox) == branch_tree);
}

TEST_CASE("run --no-branch: only the patch, the repository keeps no new ref", "[batch][e2e]")
{
    ExampleRepo example;
    const std::string refs = example.repo.git("for-each-ref");
    const std::string state = example.repo.state_digest();
    FakeModelServer server(json::array({{{"answer", example_answer()}}}).dump());
    const auto mbox = example.repo.path().parent_path() / "only.mbox";
    auto run = run_tool(example.repo.path(), "--provider openai --model o3 --json --no-branch --output " + quote(mbox.string()) + " 'Rename Store.load'",
                        model_env(server));
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto report = json::parse(run.out);
    CHECK(report["branch"].is_null());
    CHECK(report["commit"].is_string());
    CHECK(example.repo.git("for-each-ref") == refs);
    CHECK(example.repo.state_digest() == state);
    CHECK(example.repo.extra_worktrees() == 0);
    const std::string tree = tree_after_am(example.repo.path(), example.head, mbox);
    CHECK(tree == example.repo.git("rev-parse " + report["commit"].get<std::string>() + "^{tree}"));

    auto without = run_tool(example.repo.path(), "--provider openai --model o3 --no-branch 'Rename Store.load'", model_env(server));
    CHECK(without.exit_code == 2);   // --no-branch without --output would produce nothing
}

TEST_CASE("apply --output: creations, deletions, renames and modes survive git am", "[batch][e2e]")
{
    TempRepo repo;
    repo.write("src/a.txt", "one\ntwo\nthree\n");
    repo.write("src/old.txt", "moved content\nline 2\nline 3\nline 4\n");
    repo.write("gone.txt", "bye\n");
    repo.write("crlf.txt", "a\r\nb\r\n");
    const std::string head = repo.commit_all("base");
    const json document = {
        {"summary", "Reshape the tree"}, {"explanation", "Exercise every action.\n\nSecond paragraph."},
        {"changes", json::array({
            {{"path", "src/a.txt"}, {"action", "modify"}, {"new_path", nullptr}, {"content", nullptr},
             {"edits", json::array({{{"search", "two\n"}, {"replace", "TWO\n"}}})}},
            {{"path", "src/old.txt"}, {"action", "rename"}, {"new_path", "src/new.txt"}, {"content", nullptr}, {"edits", nullptr}},
            {{"path", "gone.txt"}, {"action", "delete"}, {"new_path", nullptr}, {"content", nullptr}, {"edits", nullptr}},
            {{"path", "crlf.txt"}, {"action", "modify"}, {"new_path", nullptr}, {"content", "a\r\nc\r\n"}, {"edits", nullptr}},
            {{"path", "docs/new file.md"}, {"action", "create"}, {"new_path", nullptr}, {"content", "no newline at the end"}, {"edits", nullptr}},
        })}};
    const auto patch_file = repo.path().parent_path() / "doc.json";
    std::ofstream(patch_file) << document.dump();
    const auto mbox = repo.path().parent_path() / "apply.mbox";
    auto run = run_tool(repo.path(), "apply --no-test --json --output " + quote(mbox.string()) + " " + quote(patch_file.string()));
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto report = json::parse(run.out);
    CHECK(read_file(mbox).find("Second paragraph.") != std::string::npos);
    CHECK(tree_after_am(repo.path(), head, mbox) == repo.git("rev-parse " + report["branch"].get<std::string>() + "^{tree}"));
}

TEST_CASE("batch --output DIR: one patch per task, each applies with git am, --no-branch makes no branches", "[batch][e2e]")
{
    BatchFixture fixture(8, 2, /*patch_error_every=*/4);
    FakeModelServer server(fixture.script);
    auto run = run_tool(fixture.root, "batch tasks.jsonl --jobs 4 --no-test --output patches --provider openai --model o3 --answer-format json --attempts 1",
                        batch_env(server.base_url()));
    INFO(run.err);
    CHECK(run.exit_code == 1);   // two tasks do not apply
    const auto records = comparable_records(fixture.root / "tasks.report.jsonl");
    REQUIRE(records.size() == 8);
    int patches = 0;
    for (const auto& [id, record] : records) {
        INFO(id);
        const auto repo = fixture.root / record["repo"].get<std::string>();
        const auto patch = fixture.root / "patches" / (id + ".patch");
        if (fixture.patch_errors.count(id)) {
            CHECK_FALSE(std::filesystem::exists(patch));
            continue;
        }
        CHECK(record["patch"] == "patches/" + id + ".patch");
        REQUIRE(std::filesystem::exists(patch));
        CHECK(tree_after_am(repo, record["base"], patch) == shell("git -C " + quote(repo.string()) + " rev-parse oneshot/" + id + "^{tree}"));
        ++patches;
    }
    CHECK(patches == 6);

    BatchFixture again(4, 1);
    FakeModelServer second(again.script);
    const auto repo = again.root / "r1";
    const std::string refs = shell("git -C " + quote(repo.string()) + " for-each-ref");
    auto no_branch = run_tool(again.root, "batch tasks.jsonl --no-test --no-branch --output out --provider openai --model o3 --answer-format json --attempts 1",
                              batch_env(second.base_url()));
    INFO(no_branch.err);
    CHECK(no_branch.exit_code == 0);
    CHECK(shell("git -C " + quote(repo.string()) + " for-each-ref") == refs);
    for (const auto& [id, record] : comparable_records(again.root / "tasks.report.jsonl")) {
        CHECK(record["branch"].is_null());
        CHECK(tree_after_am(repo, record["base"], again.root / "out" / (id + ".patch")) ==
              shell("git -C " + quote(repo.string()) + " rev-parse " + record["commit"].get<std::string>() + "^{tree}"));
    }
}
