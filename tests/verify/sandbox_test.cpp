// --sandbox: bubblewrap's argument list, and (where bubblewrap is installed) that the tests really
// run without network and with nothing writable but their worktree.
#include "verify/process.hpp"
#include "verify/sandbox.hpp"

#include "support/fake_server.hpp"
#include "support/run_tool.hpp"
#include "support/temp_repo.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

using namespace oneshot::verify;
using namespace oneshot::testing;

TEST_CASE("sandbox: the worktree is bound writable after the private /tmp, the network unshared", "[verify]")
{
    const auto argv = sandbox_argv("/usr/bin/bwrap", "/tmp/git-oneshot-x/checkout", "make test");
    REQUIRE(argv.size() > 4);
    CHECK(argv.front() == "/usr/bin/bwrap");
    const auto at = [&](const std::string& word) { return std::find(argv.begin(), argv.end(), word) - argv.begin(); };
    CHECK(argv[static_cast<std::size_t>(at("--ro-bind")) + 1] == "/");
    CHECK(at("--tmpfs") < at("--bind"));   // a worktree under /tmp stays visible
    CHECK(argv[static_cast<std::size_t>(at("--bind")) + 1] == "/tmp/git-oneshot-x/checkout");
    CHECK(at("--unshare-net") < static_cast<long>(argv.size()));
    CHECK(at("--new-session") == static_cast<long>(argv.size()));   // must stay in our process group
    CHECK(std::vector<std::string>(argv.end() - 3, argv.end()) == std::vector<std::string>{"/bin/sh", "-c", "make test"});
}

TEST_CASE("sandbox: under bubblewrap only the worktree is writable and only loopback exists", "[verify]")
{
    const auto bwrap = find_bubblewrap();
    if (!bwrap) {
        WARN("bubblewrap is not installed: the sandbox's behaviour is not checked here");
        return;
    }
    TempRepo outside;   // a folder that is not the worktree
    // Under /tmp the sandbox has a private tmpfs: a write there must not reach the real folder.
    const std::string tmp_probe = (outside.path() / "written-from-the-sandbox").string();
    // Elsewhere the system is read-only: a write must fail.
    const std::filesystem::path source_probe = std::filesystem::path(ONESHOT_SOURCE_DIR) / "tests" / "verify" / ".sandbox-probe";
    const std::string command = "touch ok-in-worktree && touch " + quote(tmp_probe) + " 2>/dev/null; ! touch " + quote(source_probe.string()) +
                                " 2>/dev/null && test \"$(tail -n +3 /proc/net/dev | wc -l)\" -eq 1";
    ProcessSpec spec;
    spec.command = command;
    spec.cwd = outside.path() / "wt";
    std::filesystem::create_directories(spec.cwd);
    spec.argv = sandbox_argv(*bwrap, spec.cwd, command);
    spec.timeout_s = 30;
    const auto result = run_process(spec);
    INFO(result.output << " (exit " << result.exit_code.value_or(-1) << ")");
    CHECK(result.exit_code == 0);
    CHECK(std::filesystem::exists(spec.cwd / "ok-in-worktree"));
    CHECK_FALSE(std::filesystem::exists(tmp_probe));
    CHECK_FALSE(std::filesystem::exists(source_probe));
    std::filesystem::remove(source_probe);
}

TEST_CASE("sandbox: --sandbox without bubblewrap is a configuration error before any request", "[e2e][verify]")
{
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("a");
    FakeModelServer server("[]");
    // A PATH without bwrap (the tool itself is started by its absolute path).
    auto run = run_tool(repo.path(), "--json --provider openai --model o3 --sandbox 'do it'",
                        {{"OPENAI_BASE_URL", server.base_url()}, {"OPENAI_API_KEY", "k"}, {"PATH", "/nonexistent"}});
    CHECK(run.exit_code == 2);
    CHECK(nlohmann::json::parse(run.out)["error"]["kind"] == "config");
    CHECK(server.requests().empty());
}
