#include "support/batch_fixture.hpp"

#include "support/temp_repo.hpp"

#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <spawn.h>
#include <stdexcept>
#include <unistd.h>

extern char** environ;

namespace oneshot::testing {

using nlohmann::json;

namespace {

const char* const kDates = "GIT_AUTHOR_DATE='2026-01-02T03:04:05+0000' GIT_COMMITTER_DATE='2026-01-02T03:04:05+0000'";

json answer_for(const std::string& id, bool patch_error, bool test_failure)
{
    json change;
    if (patch_error) {
        // Creates a file that exists: the patch stage must refuse it.
        change = {{"path", "README.md"}, {"action", "create"}, {"new_path", nullptr}, {"content", "clobbered\n"}, {"edits", nullptr}};
    } else {
        change = {{"path", BatchFixture::note_path(id)}, {"action", "create"}, {"new_path", nullptr},
                  {"content", "note for " + id + (test_failure ? " FAIL" : "") + "\n"}, {"edits", nullptr}};
    }
    return {{"summary", "Add the note for " + id}, {"explanation", "Task " + id + " wants its note."},
            {"changes", json::array({change})}};
}

} // namespace

BatchFixture::BatchFixture(int task_count, int repos, int patch_error_every, int test_fail_every)
{
    std::string pattern = (std::filesystem::temp_directory_path() / "oneshot-batch-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    base_ = pattern;
    root = base_ / "main";
    std::filesystem::create_directories(root);
    for (int r = 1; r <= repos; ++r) {
        const auto dir = root / ("r" + std::to_string(r));
        std::filesystem::create_directories(dir);
        std::ofstream(dir / "README.md") << "# repository r" << r << "\n\nNotes live in notes/.\n";
        shell("cd " + quote(dir.string()) + " && git init -q -b main && git config user.name Tester && git config user.email t@example.com" +
              " && git add -A && " + kDates + " git commit -q -m 'initial'");
    }
    json steps = json::array();
    std::ofstream tasks(root / "tasks.jsonl");
    tasks << "# a comment line, then one task per line\n";
    for (int i = 1; i <= task_count; ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "t%03d", i);
        const std::string repo = "r" + std::to_string(1 + (i - 1) % repos);
        ids.push_back(id);
        repo_of[id] = repo;
        const bool patch_error = patch_error_every > 0 && i % patch_error_every == 0;
        const bool test_failure = !patch_error && test_fail_every > 0 && i % test_fail_every == 0;
        if (patch_error) patch_errors.insert(id);
        if (test_failure) test_failures.insert(id);
        tasks << json{{"id", id}, {"task", "Add the note file for " + marker(id)}, {"repo", repo}}.dump() << "\n";
        const json step = {{"match", marker(id)}, {"answer", answer_for(id, patch_error, test_failure).dump()}, {"delay_s", 0.02}};
        steps.push_back(step);
        steps.push_back(step);   // a task the killed run left unfinished is asked once more
    }
    script = steps.dump();
}

BatchFixture::~BatchFixture()
{
    std::error_code ignored;
    std::filesystem::remove_all(base_, ignored);
}

std::filesystem::path BatchFixture::copy_to(const std::string& name) const
{
    const auto target = base_ / name;
    std::filesystem::copy(root, target, std::filesystem::copy_options::recursive);
    return target;
}

std::vector<std::pair<std::string, std::string>> batch_env(const std::string& base_url)
{
    return {{"OPENAI_BASE_URL", base_url}, {"OPENAI_API_KEY", "sk-test"},
            {"GIT_AUTHOR_DATE", "2026-01-02T03:04:05+0000"}, {"GIT_COMMITTER_DATE", "2026-01-02T03:04:05+0000"}};
}

std::map<std::string, json> comparable_records(const std::filesystem::path& report)
{
    std::map<std::string, json> records;
    std::ifstream in(report);
    std::string line;
    while (std::getline(in, line)) {
        json record = json::parse(line);
        record.erase("duration_s");
        if (record["tests"].is_object()) record["tests"].erase("duration_s");
        if (record["tests"].is_object() && record["tests"].contains("baseline_duration_s")) record["tests"].erase("baseline_duration_s");
        record["repo"] = std::filesystem::path(record["repo"].get<std::string>()).filename().string();
        const std::string id = record["id"];
        if (records.count(id)) throw std::runtime_error("report has two records for " + id);
        records[id] = record;
    }
    return records;
}

std::map<std::string, int> asked_ids(const std::vector<json>& requests)
{
    std::map<std::string, int> asked;
    for (const auto& request : requests) {
        const std::string body = request["body"].dump();
        const auto at = body.find("[[task ");
        if (at == std::string::npos) continue;
        const auto end = body.find("]]", at);
        ++asked[body.substr(at + 7, end - at - 7)];
    }
    return asked;
}

int spawn_batch_tool(const std::filesystem::path& cwd, const std::string& args,
               const std::vector<std::pair<std::string, std::string>>& env, const std::filesystem::path& log_dir)
{
    std::string command = "cd " + quote(cwd.string()) + " && exec env -u OPENAI_API_KEY -u ANTHROPIC_API_KEY -u ONESHOT_API_KEY -u ONESHOT_MODEL";
    for (const auto& [key, value] : env) command += " " + key + "=" + quote(value);
    command += " " + quote(ONESHOT_BINARY) + " " + args + " </dev/null >" + quote((log_dir / "out").string()) + " 2>" +
               quote((log_dir / "err").string());
    const char* argv[] = {"sh", "-c", command.c_str(), nullptr};
    pid_t pid = -1;
    if (posix_spawnp(&pid, "sh", nullptr, nullptr, const_cast<char**>(argv), environ) != 0) throw std::runtime_error("spawn failed");
    return pid;
}

std::size_t count_lines(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::size_t lines = 0;
    for (char c : text) lines += c == '\n';
    return lines;
}

} // namespace oneshot::testing
