// `git oneshot batch` through the real binary: several temporary repositories, the fake model
// server answering each task by a marker in its prompt, real tests, and a SIGKILL halfway.
#include "support/batch_fixture.hpp"
#include "support/fake_server.hpp"
#include "support/run_tool.hpp"
#include "support/temp_repo.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <fstream>
#include <iterator>
#include <sys/wait.h>
#include <thread>

using namespace oneshot::testing;
using nlohmann::json;

namespace {

// One model round: these tests are about the batch; repair rounds have their own (verify e2e).
const std::string kModel = "--provider openai --model o3 --answer-format json --attempts 1";
const std::string kTests = "--test-cmd '! grep -rqs FAIL notes'";

std::string git_in(const std::filesystem::path& repo, const std::string& args)
{
    return shell("git -C " + quote(repo.string()) + " " + args);
}

// Everything a finished batch must leave: the right branch per task, nothing else.
void check_repositories(const BatchFixture& fixture, const std::filesystem::path& root, const std::map<std::string, json>& records)
{
    for (const auto& id : fixture.ids) {
        INFO(id);
        REQUIRE(records.count(id) == 1);
        const json& record = records.at(id);
        const auto repo = root / fixture.repo_of.at(id);
        CHECK(record["repo"] == fixture.repo_of.at(id));
        if (fixture.patch_errors.count(id)) {
            CHECK(record["status"] == "error");
            CHECK(record["error"]["kind"] == "patch");
            CHECK(record["branch"].is_null());
            CHECK(git_in(repo, "branch --list oneshot/" + id).empty());
            continue;
        }
        CHECK(record["status"] == (fixture.test_failures.count(id) ? "failed" : "passed"));
        if (fixture.test_failures.count(id)) CHECK(record["tests"]["baseline"] == "passed");   // the change broke them
        REQUIRE(record["branch"] == "oneshot/" + id);
        CHECK(git_in(repo, "rev-parse oneshot/" + id) == record["commit"].get<std::string>() + "\n");
        CHECK(git_in(repo, "rev-parse oneshot/" + id + "^") == record["base"].get<std::string>() + "\n");
        CHECK(git_in(repo, "show oneshot/" + id + ":" + BatchFixture::note_path(id)).find("note for " + id) == 0);
        CHECK(record["model"]["usage"]["input_tokens"].get<long>() > 0);
    }
    for (int r = 1; r <= 4; ++r) {
        const auto repo = root / ("r" + std::to_string(r));
        CHECK(git_in(repo, "branch --list 'oneshot-batch-*' 'oneshot-verify/*'") == "");
        CHECK(git_in(repo, "worktree list --porcelain").find("worktree ", 10) == std::string::npos);   // only the main one
        CHECK(git_in(repo, "status --porcelain").empty());
        CHECK(git_in(repo, "symbolic-ref HEAD") == "refs/heads/main\n");
    }
}

} // namespace

TEST_CASE("batch: 100 tasks over four repositories with --jobs 8, killed halfway and resumed, match an uninterrupted run", "[batch][e2e]")
{
    // No task fails its tests here: a failure runs the base's tests and caches their result, and a
    // later passing task in that repository then reports the cached baseline too, so which records
    // mention a baseline depends on the order tasks finish in (verify's cache, not the batch's).
    // Failing tests are covered below.
    BatchFixture fixture(100, 4, /*patch_error_every=*/10, /*test_fail_every=*/0);
    const auto killed_root = fixture.copy_to("killed");
    const std::string args = "batch tasks.jsonl --jobs 8 " + kModel + " " + kTests;

    // The reference: one uninterrupted run.
    FakeModelServer reference_server(fixture.script);
    auto reference = run_tool(fixture.root, args, batch_env(reference_server.base_url()));
    INFO(reference.err.substr(0, 3000));
    REQUIRE(reference.exit_code == 1);   // some tasks do not apply
    const auto expected = comparable_records(fixture.root / "tasks.report.jsonl");
    REQUIRE(expected.size() == 100);
    check_repositories(fixture, fixture.root, expected);
    for (const auto& [id, count] : asked_ids(reference_server.requests())) CHECK(count == 1);
    CHECK(reference.err.find("| t001 | passed |") != std::string::npos);   // the Markdown summary

    // The same batch, killed with SIGKILL once about half of it is recorded, then resumed.
    FakeModelServer first_server(fixture.script);
    const auto logs = killed_root / "logs";
    std::filesystem::create_directories(logs);
    const auto report = killed_root / "tasks.report.jsonl";
    const int pid = spawn_batch_tool(killed_root, args, batch_env(first_server.base_url()), logs);
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (count_lines(report) < 50 && std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    REQUIRE(WIFSIGNALED(status));
    const auto recorded_before = comparable_records(report);
    INFO("recorded before the kill: " << recorded_before.size());
    REQUIRE(recorded_before.size() >= 50);
    REQUIRE(recorded_before.size() < 100);

    FakeModelServer second_server(fixture.script);
    auto resumed = run_tool(killed_root, args + " --resume", batch_env(second_server.base_url()));
    INFO(resumed.err.substr(0, 3000));
    CHECK(resumed.exit_code == 1);
    const auto actual = comparable_records(report);
    REQUIRE(actual.size() == 100);
    for (const auto& id : fixture.ids) {
        INFO(id);
        CHECK(actual.at(id) == expected.at(id));
    }
    check_repositories(fixture, killed_root, actual);

    // No finished task asked again; every unfinished one asked exactly once more.
    const auto asked_first = asked_ids(first_server.requests());
    const auto asked_second = asked_ids(second_server.requests());
    for (const auto& [id, count] : asked_second) {
        INFO(id);
        CHECK(count == 1);
        CHECK(recorded_before.count(id) == 0);
    }
    for (const auto& id : fixture.ids) {
        INFO(id);
        CHECK((asked_first.count(id) + asked_second.count(id)) >= 1);
        if (!recorded_before.count(id)) CHECK(asked_second.count(id) == 1);
    }
    // Redone at most what was in flight when the process died.
    int asked_twice = 0;
    for (const auto& [id, count] : asked_second) asked_twice += asked_first.count(id);
    CHECK(asked_twice <= 8);
}

TEST_CASE("batch: a bad task line is a usage error naming the line, and nothing runs", "[batch][e2e]")
{
    BatchFixture fixture(3, 1);
    std::ofstream(fixture.root / "tasks.jsonl", std::ios::app) << "{\"id\": \"t009\"}\n";
    FakeModelServer server(fixture.script);
    auto run = run_tool(fixture.root, "batch tasks.jsonl " + kModel + " --no-test", batch_env(server.base_url()));
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("tasks.jsonl line 5: \"task\" is missing") != std::string::npos);
    CHECK(server.requests().empty());
    CHECK_FALSE(std::filesystem::exists(fixture.root / "tasks.report.jsonl"));
}

TEST_CASE("batch: shards split the tasks without overlap and --merge-reports joins them", "[batch][e2e]")
{
    BatchFixture fixture(12, 2);
    FakeModelServer server(fixture.script);
    std::string reports;
    for (int shard = 1; shard <= 3; ++shard) {
        const std::string name = "shard" + std::to_string(shard) + ".jsonl";
        auto run = run_tool(fixture.root, "batch tasks.jsonl --no-test --jobs 2 --shard " + std::to_string(shard) + "/3 --report " + name + " " + kModel,
                            batch_env(server.base_url()));
        INFO(run.err);
        CHECK(run.exit_code == 0);
        reports += " " + name;
    }
    auto merged = run_tool(fixture.root, "batch --merge-reports" + reports);
    REQUIRE(merged.exit_code == 0);
    std::set<std::string> ids;
    std::size_t lines = 0;
    for (std::size_t at = 0, end; (end = merged.out.find('\n', at)) != std::string::npos; at = end + 1) {
        ids.insert(json::parse(merged.out.substr(at, end - at))["id"].get<std::string>());
        ++lines;
    }
    CHECK(lines == 12);
    CHECK(ids == std::set<std::string>(fixture.ids.begin(), fixture.ids.end()));
    for (const auto& [id, count] : asked_ids(server.requests())) CHECK(count == 1);
}

TEST_CASE("batch: --max-tasks stops starting work, --resume finishes, an existing branch is recorded, not asked", "[batch][e2e]")
{
    BatchFixture fixture(6, 1);
    const auto repo = fixture.root / "r1";
    git_in(repo, "branch oneshot/t002 main");
    FakeModelServer server(fixture.script);
    const std::string args = "batch tasks.jsonl --no-test " + kModel;

    auto first = run_tool(fixture.root, args + " --max-tasks 3", batch_env(server.base_url()));
    INFO(first.err);
    CHECK(first.exit_code == 1);   // tasks left over
    CHECK(count_lines(fixture.root / "tasks.report.jsonl") == 3);
    CHECK(first.err.find("--max-tasks 3 reached") != std::string::npos);

    auto again = run_tool(fixture.root, args, batch_env(server.base_url()));
    CHECK(again.exit_code == 2);   // a report with records and no --resume
    CHECK(again.err.find("--resume") != std::string::npos);

    auto rest = run_tool(fixture.root, args + " --resume", batch_env(server.base_url()));
    INFO(rest.err);
    CHECK(rest.exit_code == 0);
    const auto records = comparable_records(fixture.root / "tasks.report.jsonl");
    REQUIRE(records.size() == 6);
    CHECK(records.at("t002")["existing_branch"] == true);
    CHECK(records.at("t002")["commit"] == git_in(repo, "rev-parse main").substr(0, 40));
    const auto asked = asked_ids(server.requests());
    CHECK(asked.size() == 5);
    CHECK(asked.count("t002") == 0);
    for (const auto& [id, count] : asked) CHECK(count == 1);
}

TEST_CASE("batch: a task whose change breaks the tests is recorded as failed, with the base's verdict", "[batch][e2e]")
{
    BatchFixture fixture(6, 2, /*patch_error_every=*/0, /*test_fail_every=*/3);
    FakeModelServer server(fixture.script);
    auto run = run_tool(fixture.root, "batch tasks.jsonl --jobs 3 " + kModel + " " + kTests + " --summary summary.md", batch_env(server.base_url()));
    INFO(run.err);
    CHECK(run.exit_code == 1);
    const auto records = comparable_records(fixture.root / "tasks.report.jsonl");
    REQUIRE(records.size() == 6);
    for (const auto& [id, record] : records) {
        INFO(id);
        const bool breaks = fixture.test_failures.count(id) > 0;
        CHECK(record["status"] == (breaks ? "failed" : "passed"));
        CHECK(record["tests"]["exit_code"] == (breaks ? 1 : 0));
        if (breaks) CHECK(record["tests"]["baseline"] == "passed");
        CHECK(record["branch"] == "oneshot/" + id);   // a failing change still gets its branch, for review
    }
    std::ifstream summary(fixture.root / "summary.md");
    const std::string table((std::istreambuf_iterator<char>(summary)), std::istreambuf_iterator<char>());
    CHECK(table.find("| t003 | failed | oneshot/t003 | exit 1 |") != std::string::npos);
    CHECK(table.find("6 tasks:** 4 passed, 2 failed") != std::string::npos);
}

TEST_CASE("batch: a provider's 429s slow the batch down instead of failing the task", "[batch][e2e]")
{
    BatchFixture fixture(3, 1);
    // Four rate limits for t001 before its answer: more than a single run's retries allow.
    json steps = json::parse(fixture.script);
    json limited = json::array();
    for (int i = 0; i < 4; ++i) {
        limited.push_back({{"match", BatchFixture::marker("t001")}, {"status", 429}, {"headers", {{"retry-after-ms", "100"}}},
                           {"body", {{"error", {{"message", "Rate limit reached"}, {"type", "rate_limit_error"}, {"code", "rate_limit_exceeded"}}}}}});
    }
    for (auto& step : steps) limited.push_back(step);
    FakeModelServer server(limited.dump());
    auto run = run_tool(fixture.root, "batch tasks.jsonl --jobs 3 --no-test " + kModel, batch_env(server.base_url()));
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(run.err.find("rate limits: the provider asked 4 time(s)") != std::string::npos);
    const auto records = comparable_records(fixture.root / "tasks.report.jsonl");
    CHECK(records.at("t001")["status"] == "untested");
    CHECK(records.at("t001")["branch"] == "oneshot/t001");
    CHECK(asked_ids(server.requests()).at("t001") == 5);

    // The same provider behaviour fails a single run: it is the batch that waits.
    FakeModelServer single(limited.dump());
    auto alone = run_tool(fixture.root / "r1", "--no-test " + kModel + " 'Add the note file for [[task t001]]'", batch_env(single.base_url()));
    CHECK(alone.exit_code == 3);
}
