// `git oneshot apply` and `git oneshot context` through the real binary.
#include "support/fake_server.hpp"
#include "support/run_tool.hpp"
#include "support/temp_repo.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace oneshot::testing;
using nlohmann::json;

namespace {

json modify(const std::string& path, const std::string& search, const std::string& replace)
{
    return {{"path", path}, {"action", "modify"}, {"new_path", nullptr}, {"content", nullptr},
            {"edits", json::array({{{"search", search}, {"replace", replace}}})}};
}

json document(json changes)
{
    return {{"summary", "Make greeting louder"}, {"explanation", "Because."}, {"changes", std::move(changes)}};
}

struct SmallRepo {
    TempRepo repo;
    std::string head;
    SmallRepo()
    {
        repo.write("src/greet.py", "def greet(name):\n    return 'hello ' + name\n");
        repo.write("src/tool.sh", "#!/bin/sh\necho hi\n");
        std::filesystem::permissions(repo.path() / "src/tool.sh", std::filesystem::perms::owner_exec, std::filesystem::perm_options::add);
        head = repo.commit_all("base");
    }
    std::string patch_file(const json& doc)
    {
        const auto file = repo.path().parent_path() / "patch.json";
        repo.write("../patch.json", doc.dump());
        return file.string();
    }
};

} // namespace

TEST_CASE("apply: a patch document lands on a new branch, working tree untouched", "[e2e]")
{
    SmallRepo small;
    const std::string before = small.repo.state_digest();
    const auto file = small.patch_file(document(json::array({modify("src/greet.py", "    return 'hello ' + name\n", "    return 'HELLO ' + name\n"),
                                                              modify("src/tool.sh", "echo hi\n", "echo hello\n")})));
    auto run = run_tool(small.repo.path(), "apply --json --no-test " + quote(file));
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto report = json::parse(run.out);
    CHECK(report["status"] == "untested");
    CHECK(report["branch"] == "oneshot/make-greeting-louder");
    CHECK(report["model"].is_null());
    CHECK(report["tests"].is_null());
    CHECK(small.repo.state_digest() == before);
    CHECK(small.repo.file_at("oneshot/make-greeting-louder", "src/greet.py") == "def greet(name):\n    return 'HELLO ' + name\n");
    // The executable bit survives the edit.
    CHECK(small.repo.git("ls-tree oneshot/make-greeting-louder src/tool.sh").rfind("100755", 0) == 0);
}

TEST_CASE("apply: the commit is authored the way git would author it", "[e2e]")
{
    SmallRepo small;
    const auto file = small.patch_file(document(json::array({modify("src/greet.py", "    return 'hello ' + name\n", "    return 'hi ' + name\n")})));
    auto run = run_tool(small.repo.path(), "apply --no-test --branch feature/x " + quote(file),
                        {{"GIT_AUTHOR_NAME", "Env Author"}, {"GIT_AUTHOR_EMAIL", "env@example.com"},
                         {"GIT_AUTHOR_DATE", "@1700000000 +0200"}});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(small.repo.git("log -1 --format='%an <%ae> %at %ai|%cn <%ce>' feature/x") ==
          "Env Author <env@example.com> 1700000000 2023-11-15 00:13:20 +0200|Test Author <author@example.com>\n");
}

TEST_CASE("apply: tests run in a temporary worktree and decide the exit code", "[e2e]")
{
    SmallRepo small;
    const auto file = small.patch_file(document(json::array({modify("src/greet.py", "    return 'hello ' + name\n", "    return 'hi ' + name\n")})));
    SECTION("passing")
    {
        auto run = run_tool(small.repo.path(), "apply --json --test-cmd 'grep -q \"hi \" src/greet.py' " + quote(file));
        REQUIRE(run.exit_code == 0);
        CHECK(json::parse(run.out)["tests"]["exit_code"] == 0);
        CHECK(json::parse(run.out)["status"] == "passed");
    }
    SECTION("failing, with the baseline run")
    {
        auto run = run_tool(small.repo.path(), "apply --json --test-cmd 'grep -q hello src/greet.py' " + quote(file));
        REQUIRE(run.exit_code == 1);
        const auto report = json::parse(run.out);
        CHECK(report["status"] == "failed");
        CHECK(report["tests"]["exit_code"] == 1);
        CHECK(report["tests"]["baseline"] == "passed");
        CHECK(small.repo.branch_exists(report["branch"].get<std::string>()));
    }
    SECTION("timing out")
    {
        auto run = run_tool(small.repo.path(), "apply --json --test-timeout 1 --test-cmd 'sleep 30' " + quote(file));
        REQUIRE(run.exit_code == 1);
        const auto report = json::parse(run.out);
        CHECK(report["tests"]["timed_out"] == true);
        CHECK(report["tests"]["exit_code"].is_null());
    }
    CHECK(small.repo.extra_worktrees() == 0);
    CHECK(small.repo.git("branch --list 'oneshot-verify/*'").empty());
}

TEST_CASE("apply: bad documents exit 4 and create nothing", "[e2e]")
{
    SmallRepo small;
    const std::string before = small.repo.state_digest();
    const std::string refs = small.repo.git("for-each-ref");
    const auto hi = modify("src/greet.py", "    return 'hello ' + name\n", "    return 'hi ' + name\n");
    for (const std::string& text : {std::string("{not json"), std::string("{\"summary\": 1}"),
                                    document(json::array({modify("../outside.txt", "a", "b")})).dump(),
                                    document(json::array({modify(".git/config", "a", "b")})).dump(),
                                    document(json::array({modify("src/greet.py", "no such text", "b")})).dump(),
                                    document(json::array({hi, hi})).dump()}) {
        INFO(text);
        small.repo.write("../patch.json", text);
        auto run = run_tool(small.repo.path(), "apply --json --no-test ../patch.json");
        CHECK(run.exit_code == 4);
        CHECK(json::parse(run.out)["status"] == "error");
    }
    CHECK(small.repo.state_digest() == before);
    CHECK(small.repo.git("for-each-ref") == refs);
    CHECK_FALSE(std::filesystem::exists(small.repo.path().parent_path() / "outside.txt"));
}

TEST_CASE("apply: .gitattributes changes only with --allow-git-files", "[e2e]")
{
    SmallRepo small;
    small.repo.write(".gitattributes", "*.sh text eol=lf\n");
    small.repo.commit_all("attributes");
    const std::string refs = small.repo.git("for-each-ref");
    const auto file = small.patch_file(document(json::array({modify(".gitattributes", "*.sh text eol=lf\n", "*.sh text eol=lf\n*.py text\n")})));
    auto refused = run_tool(small.repo.path(), "apply --json --no-test " + quote(file));
    CHECK(refused.exit_code == 4);
    CHECK(refused.err.find(".gitattributes") != std::string::npos);
    CHECK(small.repo.git("for-each-ref") == refs);

    auto allowed = run_tool(small.repo.path(), "apply --json --no-test --allow-git-files --branch attrs " + quote(file));
    INFO(allowed.err);
    REQUIRE(allowed.exit_code == 0);
    CHECK(small.repo.file_at("attrs", ".gitattributes") == "*.sh text eol=lf\n*.py text\n");
}

TEST_CASE("context --json follows the contract's shape", "[e2e]")
{
    SmallRepo small;
    auto run = run_tool(small.repo.path(), "context --json --budget 4000 'make the greeting louder'");
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto out = json::parse(run.out);
    CHECK(out["budget"] == 4000);
    CHECK(out["total_tokens"].get<long>() <= 4000);
    REQUIRE(out["files"].size() == 2);
    for (const auto& file : out["files"]) {
        CHECK(file.contains("path"));
        CHECK(file.contains("tokens"));
        CHECK(file.contains("score"));
        CHECK(file.contains("regions"));
        const std::string mode = file["mode"];
        CHECK((mode == "full" || mode == "regions" || mode == "outline" || mode == "listed"));
    }
    CHECK(out["files"][0]["path"] == "src/greet.py");
}

TEST_CASE("context --localize: a first request chooses the files, they lead the context", "[e2e]")
{
    SmallRepo small;
    std::string other = "def unrelated():\n    return 0\n";
    for (int i = 0; i < 60; ++i) other += "\n\ndef helper_" + std::to_string(i) + "(x):\n    return x + " + std::to_string(i) + "\n";
    small.repo.write("src/volume.py", other);
    small.repo.commit_all("more");
    const json answer = {{"files", json::array({{{"path", "src/volume.py"}, {"symbols", json::array({"helper_42"})}},
                                                {{"path", "src/invented.py"}, {"symbols", json::array()}}})}};
    FakeModelServer server(json::array({{{"answer", answer.dump()}}}).dump());
    auto run = run_tool(small.repo.path(), "context --json --localize --provider openai --model o3 --budget 3000 'make the greeting louder'",
                        {{"OPENAI_BASE_URL", server.base_url()}, {"OPENAI_API_KEY", "sk-test"}});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto out = json::parse(run.out);
    CHECK(out["files"][0]["path"] == "src/volume.py");
    CHECK(out["files"][0]["mode"] != "listed");
    CHECK(run.err.find("src/invented.py, which is not in the tree") != std::string::npos);
    const auto requests = server.requests();
    REQUIRE(requests.size() == 1);
    const std::string sent = requests[0]["body"].dump();
    CHECK(sent.find("make the greeting louder") != std::string::npos);
    CHECK(sent.find("src/greet.py") != std::string::npos);   // the map
    CHECK(sent.find("\"focus\"") != std::string::npos);    // the schema's name
}

TEST_CASE("context --localize: a broken answer is a model error, exit 3", "[e2e]")
{
    SmallRepo small;
    FakeModelServer server(json::array({{{"answer", "I would look at greet.py"}}}).dump());
    auto run = run_tool(small.repo.path(), "context --json --localize --provider openai-chat --model local 'make the greeting louder'",
                        {{"OPENAI_BASE_URL", server.base_url()}, {"OPENAI_API_KEY", "sk-test"}});
    CHECK(run.exit_code == 3);
    CHECK(run.err.find("localize answer: not JSON") != std::string::npos);
    CHECK(run.out.empty());
}
