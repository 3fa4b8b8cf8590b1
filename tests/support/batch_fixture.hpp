// A batch over several real temporary repositories: the tasks file, the fake model's script (one
// answer per task, matched by a marker in the task so concurrent requests get the right one), and
// helpers to run or kill the real binary.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace oneshot::testing {

struct BatchFixture {
    // `repos` repositories r1..rN with tasks spread over them; every `patch_error_every`-th task's
    // answer cannot apply, every `test_fail_every`-th writes FAIL (the tests below then fail).
    BatchFixture(int task_count, int repos, int patch_error_every = 0, int test_fail_every = 0);
    ~BatchFixture();
    BatchFixture(const BatchFixture&) = delete;
    BatchFixture& operator=(const BatchFixture&) = delete;

    // A copy of the whole fixture (same commits, same ids) in a sibling folder.
    std::filesystem::path copy_to(const std::string& name) const;

    std::filesystem::path root;            // holds tasks.jsonl and r1..rN
    std::vector<std::string> ids;
    std::map<std::string, std::string> repo_of;   // id -> "r1"..
    std::set<std::string> patch_errors, test_failures;
    std::string script;                    // the fake server's steps (each answer listed twice: a redo)

    static std::string marker(const std::string& id) { return "[[task " + id + "]]"; }
    static std::string note_path(const std::string& id) { return "notes/" + id + ".txt"; }

private:
    std::filesystem::path base_;
};

// Fixed author and committer dates, so commits are identical from run to run.
std::vector<std::pair<std::string, std::string>> batch_env(const std::string& base_url);

// The report's records by id, each without its timing fields and with "repo" reduced to its name.
std::map<std::string, nlohmann::json> comparable_records(const std::filesystem::path& report);

// The task ids the fake server was asked about, with how often, from its request log.
std::map<std::string, int> asked_ids(const std::vector<nlohmann::json>& requests);

// Starts the binary without waiting (stdout and stderr to files in `log_dir`); returns its pid.
int spawn_tool(const std::filesystem::path& cwd, const std::string& args,
               const std::vector<std::pair<std::string, std::string>>& env, const std::filesystem::path& log_dir);

std::size_t count_lines(const std::filesystem::path& file);

} // namespace oneshot::testing
