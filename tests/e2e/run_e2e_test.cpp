// The whole pipeline through the real binary: a temporary repository, the fake model server
// speaking the real wire formats, real test commands.
#include "support/example_repo.hpp"
#include "support/fake_server.hpp"
#include "support/run_tool.hpp"
#include "support/temp_repo.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>


using namespace oneshot::testing;
using nlohmann::json;

namespace {

std::string script_with(const std::string& answer_text)
{
    return json::array({{{"answer", answer_text}}}).dump();
}

std::vector<std::pair<std::string, std::string>> model_env(const FakeModelServer& server)
{
    return {{"OPENAI_BASE_URL", server.base_url()}, {"OPENAI_API_KEY", "sk-test-secret"}};
}

} // namespace

TEST_CASE("run: a task becomes a tested commit on a new branch, the working tree untouched", "[e2e]")
{
    ExampleRepo example;
    // A dirty working tree and index must survive untouched, and must not reach the model.
    example.repo.write("inventory/store.py", example.repo.read("inventory/store.py") + "# local edit SECRET_WIP\n");
    example.repo.write("notes.txt", "untracked SECRET_WIP\n");
    example.repo.git("add notes.txt");
    const std::string before = example.repo.state_digest();

    FakeModelServer server(script_with(example_answer()));
    auto run = run_tool(example.repo.path(), "--provider openai --model o3 --json 'Rename Store.load to Store.read'", model_env(server));
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto report = json::parse(run.out);
    CHECK(report["status"] == "passed");
    CHECK(report["base"] == example.head);
    const std::string branch = report["branch"];
    CHECK(branch == "oneshot/rename-store-load-to-store-read");
    CHECK(report["changes"].size() == 4);
    CHECK(report["tests"]["exit_code"] == 0);
    CHECK(report["model"]["provider"] == "openai");
    CHECK(report["error"].is_null());

    CHECK(example.repo.state_digest() == before);
    CHECK(example.repo.git("rev-parse " + branch + "^") == example.head + "\n");
    CHECK(example.repo.file_at(branch, "inventory/store.py").find("def read(self):") != std::string::npos);
    CHECK(example.repo.file_at(branch, "inventory/cli.py").find("Store(path).read()") != std::string::npos);
    CHECK(example.repo.git("log -1 --format=%s " + branch) == "Rename Store.load to Store.read and update its callers\n");
    CHECK(example.repo.git("log -1 --format=%B " + branch).find("Generated-by: git-oneshot") != std::string::npos);

    const auto requests = server.requests();
    REQUIRE(requests.size() == 1);
    const std::string sent = requests[0]["body"].dump();
    CHECK(sent.find("SECRET_WIP") == std::string::npos);
    CHECK(sent.find("def load(self)") != std::string::npos);
    CHECK(sent.find("sk-test-secret") == std::string::npos);
    // No worktree is left registered.
    CHECK(example.repo.extra_worktrees() == 0);
}

TEST_CASE("run: tests failing on the new branch exit 1, keep the branch, show the output", "[e2e]")
{
    ExampleRepo example;
    auto answer = json::parse(example_answer());
    // Rename the method but not its callers: the tests must fail.
    answer["changes"] = json::array({answer["changes"][0]});
    FakeModelServer server(script_with(answer.dump()));
    auto run = run_tool(example.repo.path(), "--provider openai-chat --model local --attempts 1 'Rename Store.load'", model_env(server));
    CHECK(run.exit_code == 1);
    CHECK(run.err.find("tests FAILED") != std::string::npos);
    CHECK(run.err.find("AttributeError") != std::string::npos);
    CHECK(run.err.find("they pass on the base revision") != std::string::npos);
    CHECK(example.repo.branch_exists("oneshot/rename-store-load"));
}

TEST_CASE("run: an unreachable model or an HTTP error exits 3 and creates nothing", "[e2e]")
{
    ExampleRepo example;
    const std::string before = example.repo.state_digest();
    SECTION("nothing listens on the port")
    {
        auto run = run_tool(example.repo.path(), "--json --provider openai-chat --model m --base-url http://127.0.0.1:9/v1 --timeout 20 'do it'",
                            {{"OPENAI_API_KEY", "k"}});
        CHECK(run.exit_code == 3);
        CHECK(json::parse(run.out)["error"]["kind"] == "network");
    }
    SECTION("the server answers 401")
    {
        FakeModelServer server(R"([{"status": 401, "body": {"error": {"message": "bad key", "type": "invalid_request_error"}}}])");
        auto run = run_tool(example.repo.path(), "--json --provider openai --model o3 'do it'", model_env(server));
        CHECK(run.exit_code == 3);
        CHECK(json::parse(run.out)["error"]["kind"] == "model");
        CHECK(server.requests().size() == 1);   // 401 is not retried
    }
    CHECK(example.repo.state_digest() == before);
}

TEST_CASE("run: an answer that does not apply exits 4 and creates nothing", "[e2e]")
{
    ExampleRepo example;
    const std::string before = example.repo.state_digest();
    auto answer = json::parse(example_answer());
    answer["changes"][1]["edits"][0]["search"] = "this text is not in the file\n";
    FakeModelServer server(script_with(answer.dump()));
    auto run = run_tool(example.repo.path(), "--json --provider openai --model o3 --attempts 1 'Rename Store.load'", model_env(server));
    CHECK(run.exit_code == 4);
    const auto report = json::parse(run.out);
    CHECK(report["error"]["kind"] == "patch");
    CHECK(report["branch"].is_null());
    CHECK(report["error"]["message"].get<std::string>().find("inventory/report.py") != std::string::npos);
    CHECK(example.repo.state_digest() == before);
}

TEST_CASE("usage errors exit 2 before any request", "[e2e]")
{
    ExampleRepo example;
    FakeModelServer server("[]");
    const auto env = model_env(server);
    CHECK(run_tool(example.repo.path(), "", env).exit_code == 2);
    CHECK(run_tool(example.repo.path(), "--effort extreme 'x'", env).exit_code == 2);
    CHECK(run_tool(example.repo.path(), "--budget ten 'x'", env).exit_code == 2);
    CHECK(run_tool(example.repo.path(), "--base no-such-rev 'x'", env).exit_code == 2);
    CHECK(run_tool(example.repo.path(), "--branch main 'x'", env).exit_code == 2);
    CHECK(run_tool(std::filesystem::temp_directory_path(), "'x'", env).exit_code == 2);
    CHECK(run_tool(example.repo.path(), "--provider openai --model o3 'x'", {}).exit_code == 2);   // no API key
    CHECK(server.requests().empty());
}

TEST_CASE("the Quick start example runs offline from its recorded answer and its tests pass", "[e2e]")
{
    TempRepo scratch;   // only for a temporary folder that is cleaned up
    const auto repo = scratch.path().parent_path() / "example";
    const std::string script = (std::filesystem::path(ONESHOT_SOURCE_DIR) / "scripts" / "run-example.sh").string();
    const std::string out = shell("EXAMPLE_REPO=" + quote(repo.string()) + " ONESHOT=" + quote(ONESHOT_BINARY) + " " +
                                  quote(script) + " 2>&1");
    INFO(out);
    CHECK(out.find("tests passed") != std::string::npos);
    const std::string branch = "oneshot/rename-store-load-to-store-read-and-update-all";
    const std::string files = shell("git -C " + quote(repo.string()) + " diff --name-only " + branch + "^ " + branch);
    CHECK(files == "inventory/cli.py\ninventory/report.py\ninventory/store.py\ntests/test_store.py\n");
    // The branch's tests really pass on their own, outside the tool.
    const auto check = repo.parent_path() / "check";
    shell("git -C " + quote(repo.string()) + " worktree add -q " + quote(check.string()) + " " + branch);
    CHECK_NOTHROW(shell("cd " + quote(check.string()) + " && make test 2>&1"));
}
