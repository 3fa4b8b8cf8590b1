// Batch safety through the real binary (issue 11): a second batch on a report in use is refused,
// and --resume removes only leftovers it can prove are its own — a user's worktree named like
// ours, its uncommitted file, and lock files a live git may hold all survive.
#include "support/batch_fixture.hpp"
#include "support/fake_server.hpp"
#include "support/run_tool.hpp"
#include "support/temp_repo.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <iterator>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace oneshot::testing;
using nlohmann::json;

namespace {

const std::string kModel = "--provider openai --model o3 --answer-format json";

std::string git_in(const std::filesystem::path& repo, const std::string& args)
{
    return shell("git -C " + quote(repo.string()) + " " + args);
}

std::string read_first_line(const std::string& path)
{
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

std::string host_name()
{
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    return host;
}

// A PID that no longer runs: a child that has exited and been waited for.
long finished_pid()
{
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    return child;
}

} // namespace

TEST_CASE("batch: a second batch on a report in use is refused, the first finishes untouched", "[batch][e2e]")
{
    BatchFixture fixture(3, 1);
    json steps = json::parse(fixture.script);
    for (auto& step : steps) step["delay_s"] = 2;   // keeps the first batch busy long enough
    FakeModelServer server(steps.dump());
    const std::string args = "batch tasks.jsonl --no-test --jobs 1 " + kModel;
    const auto logs = fixture.root / "first-logs";
    std::filesystem::create_directories(logs);
    const int first = spawn_batch_tool(fixture.root, args, batch_env(server.base_url()), logs);
    const auto report = fixture.root / "tasks.report.jsonl";
    for (int i = 0; i < 200 && !std::filesystem::exists(report); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    REQUIRE(std::filesystem::exists(report));

    for (const char* extra : {"", " --resume"}) {
        auto second = run_tool(fixture.root, args + extra, batch_env(server.base_url()));
        CHECK(second.exit_code == 2);
        CHECK(second.err.find("in use by another batch") != std::string::npos);
    }

    int status = 0;
    REQUIRE(::waitpid(first, &status, 0) == first);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(count_lines(report) == 3);
    for (const auto& id : fixture.ids) CHECK(asked_ids(server.requests()).at(id) == 1);
    CHECK(git_in(fixture.root / "r1", "branch --list 'oneshot/*'").size() > 0);
}

TEST_CASE("batch --resume: only worktrees and locks proven ours are removed", "[batch][e2e]")
{
    BatchFixture fixture(2, 1);
    const auto repo = fixture.root / "r1";
    const auto git_dir = repo / ".git";
    // The case: a user's own worktree named like a test worktree, with uncommitted work.
    git_in(repo, "worktree add -q --detach ../oneshot-4194303-fix");
    std::ofstream(fixture.root / "oneshot-4194303-fix" / "wip.txt") << "uncommitted work\n";
    // A user's locked one, and one locked by git-oneshot on another host (a container sharing it).
    git_in(repo, "worktree add -q --detach ../oneshot-4194302-locked");
    git_in(repo, "worktree lock --reason 'mine' ../oneshot-4194302-locked");
    const std::string boot = read_first_line("/proc/sys/kernel/random/boot_id");
    const long dead = finished_pid();
    git_in(repo, "worktree add -q --detach ../elsewhere/oneshot-" + std::to_string(dead) + "-1");
    git_in(repo, "worktree lock --reason 'git-oneshot owner host=another-host boot=" + boot + " pid=" + std::to_string(dead) +
                     " start=1' ../elsewhere/oneshot-" + std::to_string(dead) + "-1");
    // Ours, from a process of this host that is gone: the one leftover to remove.
    const auto ours = fixture.root / "git-oneshot-dead" / ("oneshot-" + std::to_string(dead) + "-0");
    git_in(repo, "worktree add -q --detach " + quote(ours.string()));
    git_in(repo, "worktree lock --reason 'git-oneshot owner host=" + host_name() + " boot=" + boot + " pid=" + std::to_string(dead) +
                     " start=1' " + quote(ours.string()));
    // Locks a live git may own.
    std::filesystem::create_directories(git_dir / "refs" / "heads" / "oneshot");
    std::ofstream(git_dir / "refs" / "heads" / "oneshot" / "t001.lock") << "";
    std::ofstream(git_dir / "packed-refs.lock") << "";

    auto run = run_tool(fixture.root, "batch --resume --max-tasks 0 --no-test tasks.jsonl " + kModel, batch_env("http://127.0.0.1:9/v1"));
    INFO(run.err);
    CHECK(run.exit_code == 1);   // no task started: left for later

    const std::string listed = git_in(repo, "worktree list --porcelain");
    CHECK(listed.find("oneshot-4194303-fix") != std::string::npos);
    CHECK(std::filesystem::exists(fixture.root / "oneshot-4194303-fix" / "wip.txt"));
    CHECK(listed.find("oneshot-4194302-locked") != std::string::npos);
    CHECK(listed.find("elsewhere/oneshot-" + std::to_string(dead) + "-1") != std::string::npos);
    CHECK(listed.find(ours.string()) == std::string::npos);
    CHECK_FALSE(std::filesystem::exists(ours));
    CHECK(std::filesystem::exists(git_dir / "refs" / "heads" / "oneshot" / "t001.lock"));
    CHECK(std::filesystem::exists(git_dir / "packed-refs.lock"));
    CHECK(run.err.find("packed-refs.lock left alone") != std::string::npos);
}
