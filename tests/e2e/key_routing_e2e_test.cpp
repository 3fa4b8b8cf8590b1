// Keys through the real binary and the fake model server: an exported provider key never reaches
// another server (the README's Ollama-style local server gets none), ONESHOT_API_KEY does, and
// plain http to another machine is refused before any request.
#include "support/example_repo.hpp"
#include "support/fake_server.hpp"
#include "support/run_tool.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace oneshot::testing;
using nlohmann::json;

TEST_CASE("keys: the provider key stays home, ONESHOT_API_KEY goes to a local server", "[e2e]")
{
    ExampleRepo example;
    FakeModelServer server(json::array({{{"answer", example_answer()}}}).dump());
    SECTION("only OPENAI_API_KEY exported: the local server gets no key, and the run works")
    {
        auto run = run_tool(example.repo.path(), "--provider openai-chat --model qwen3-coder --no-test --json 'Rename Store.load to Store.read'",
                            {{"OPENAI_BASE_URL", server.base_url()}, {"OPENAI_API_KEY", "sk-provider-SECRET"}});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        const auto requests = server.requests();
        REQUIRE(requests.size() == 1);
        CHECK_FALSE(requests[0]["headers"].contains("authorization"));
    }
    SECTION("ONESHOT_API_KEY exported: the local server gets it")
    {
        auto run = run_tool(example.repo.path(), "--provider openai-chat --model qwen3-coder --no-test --json 'Rename Store.load to Store.read'",
                            {{"OPENAI_BASE_URL", server.base_url()}, {"OPENAI_API_KEY", "sk-provider-SECRET"}, {"ONESHOT_API_KEY", "sk-local"}});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        const auto requests = server.requests();
        REQUIRE(requests.size() == 1);
        CHECK(requests[0]["headers"]["authorization"] == "<redacted>");
    }
    SECTION("plain http to another machine: a config error, no request")
    {
        auto run = run_tool(example.repo.path(), "--provider openai-chat --model m --json --base-url http://192.0.2.1:9/v1 'x'",
                            {{"OPENAI_API_KEY", "sk-provider-SECRET"}});
        CHECK(run.exit_code == 2);
        CHECK(json::parse(run.out)["error"]["kind"] == "config");
        CHECK(run.out.find("plain http") != std::string::npos);
        CHECK(run.out.find("SECRET") == std::string::npos);
    }
    SECTION("a look-alike host without ONESHOT_API_KEY: a config error naming it")
    {
        auto run = run_tool(example.repo.path(), "--provider openai --model o3 --json --base-url https://api.openai.com.evil.example/v1 'x'",
                            {{"OPENAI_API_KEY", "sk-provider-SECRET"}});
        CHECK(run.exit_code == 2);
        CHECK(run.out.find("ONESHOT_API_KEY") != std::string::npos);
    }
}
