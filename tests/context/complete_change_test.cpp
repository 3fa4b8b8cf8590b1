// The complete change: what packing shows besides the source a task is about (design.md, context).
#include "context/engine.hpp"
#include "memory_tree.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>

using namespace oneshot::context;
using oneshot::context::testing::MemoryTree;

namespace {

const ShownFile* find(const ContextPack& pack, const std::string& path)
{
    for (const auto& f : pack.files) {
        if (f.path == path) return &f;
    }
    return nullptr;
}

ShowMode mode_of(const ContextPack& pack, const std::string& path)
{
    const ShownFile* f = find(pack, path);
    REQUIRE(f != nullptr);
    return f->mode;
}

// A module with many functions, one of them the task's.
std::string module(const std::string& topic, int functions)
{
    std::string text = "import os\n\n\n";
    for (int i = 0; i < functions; ++i) {
        text += "def helper_" + std::to_string(i) + "(value):\n    total = value * " + std::to_string(i) + "\n    return total + 1\n\n\n";
        if (i == functions / 2) text += "def " + topic + "(path):\n    return os.path.exists(path)\n\n\n";
    }
    return text;
}

std::string changelog(int entries)
{
    std::string text = "# Changelog\n\n## Unreleased\n\n";
    for (int i = 0; i < entries; ++i) text += "- Fixed case " + std::to_string(i) + " of the reader.\n";
    return text;
}

// A repository too big for the budget: a source module, its tests, a changelog, docs, padding.
std::map<std::string, std::string> medium_repo()
{
    std::map<std::string, std::string> files;
    files["src/reader.py"] = module("read_config", 80);
    files["tests/test_reader.py"] = "from src.reader import read_config\n\n\n" + module("test_read_config", 60);
    files["CHANGELOG.md"] = changelog(300);
    files["docs/usage.md"] = "# Usage\n\nRun the tool.\n\n## Configuration\n\nread_config reads the configuration file.\n";
    for (int i = 0; i < 30; ++i) files["src/other_" + std::to_string(i) + ".py"] = module("other_" + std::to_string(i), 40);
    return files;
}

std::vector<HistoryCommit> history_touching(const std::string& path, int of, int total)
{
    std::vector<HistoryCommit> history;
    for (int i = 0; i < total; ++i) {
        HistoryCommit c{std::to_string(i), 1700000000 - i * 100, {"src/other_1.py"}};
        if (i < of) c.paths.push_back(path);
        history.push_back(c);
    }
    return history;
}

} // namespace

TEST_CASE("a repository that fits the budget is shown whole, every kind of file", "[context]")
{
    MemoryTree tree({{"README.md", "# Tiny\n\nA tiny tool.\n"},
                     {"notes/obsolete.txt", "old notes\n"},
                     {"src/app.py", "def main():\n    print('hi')\n"},
                     {"tests/test_app.py", "from src.app import main\n\ndef test_main():\n    main()\n"},
                     {"pyproject.toml", "[project]\nname = \"tiny\"\n"},
                     {"package-lock.json", "{}\n"},
                     {"logo.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(300, 'x')}});
    auto pack = build_context(tree, ContextRequest{"say hello in French", 100000, {}});
    REQUIRE(pack.ok());
    for (const char* path : {"README.md", "notes/obsolete.txt", "src/app.py", "tests/test_app.py", "pyproject.toml"}) {
        INFO(path);
        CHECK(mode_of(*pack, path) == ShowMode::full);
    }
    // Lock files and binaries stay listed.
    CHECK(mode_of(*pack, "package-lock.json") == ShowMode::listed);
    CHECK(mode_of(*pack, "logo.png") == ShowMode::listed);
    CHECK(pack->text.find("old notes") != std::string::npos);
    CHECK(pack->total_tokens <= 100000);

    const auto json = to_json(*pack);
    std::map<std::string, std::string> kinds;
    for (const auto& f : json.at("files")) kinds[f.at("path")] = f.at("kind");
    CHECK(kinds["README.md"] == "doc");
    CHECK(kinds["src/app.py"] == "source");
    CHECK(kinds["tests/test_app.py"] == "test");
    CHECK(kinds["pyproject.toml"] == "build");
    CHECK(kinds["package-lock.json"] == "other");
}

TEST_CASE("a file the task names is shown whatever its kind", "[context]")
{
    MemoryTree tree(medium_repo());
    auto plain = build_context(tree, ContextRequest{"speed up loading the settings", 8000, {}});
    REQUIRE(plain.ok());
    const ShownFile* before = find(*plain, "docs/usage.md");
    CHECK((before == nullptr || before->mode == ShowMode::listed));
    auto named = build_context(tree, ContextRequest{"speed up loading the settings and mention it in docs/usage.md", 8000, {}});
    REQUIRE(named.ok());
    CHECK(mode_of(*named, "docs/usage.md") == ShowMode::full);
    CHECK(named->total_tokens <= 8000);
}

TEST_CASE("the head of a changelog the project keeps entry by entry is shown", "[context]")
{
    const std::string task = "read_config must not fail on a missing file";
    SECTION("changed with most commits: its head, where a new entry goes")
    {
        MemoryTree tree(medium_repo(), history_touching("CHANGELOG.md", 30, 60));
        auto pack = build_context(tree, ContextRequest{task, 16000, {}});
        REQUIRE(pack.ok());
        const ShownFile* log = find(*pack, "CHANGELOG.md");
        REQUIRE(log != nullptr);
        REQUIRE(log->mode == ShowMode::regions);
        CHECK(log->regions.front().first == 1);
        CHECK(log->regions.front().second >= 10);
        CHECK(log->kind == FileKind::changelog);
    }
    SECTION("written at release time: no room spent on it")
    {
        MemoryTree tree(medium_repo(), history_touching("CHANGELOG.md", 1, 60));
        auto pack = build_context(tree, ContextRequest{task, 16000, {}});
        REQUIRE(pack.ok());
        const ShownFile* log = find(*pack, "CHANGELOG.md");
        CHECK((log == nullptr || log->mode == ShowMode::listed));
    }
}

TEST_CASE("the tests of the source shown come with it, around the matching tests and at the end", "[context]")
{
    MemoryTree tree(medium_repo());
    const std::string test_text = tree.read(TrackedFile{"tests/test_reader.py", "", 0, false}).value();
    auto pack = build_context(tree, ContextRequest{"read_config must not fail on a missing file", 16000, {}});
    REQUIRE(pack.ok());
    REQUIRE(mode_of(*pack, "src/reader.py") != ShowMode::listed);
    const ShownFile* tests = find(*pack, "tests/test_reader.py");
    REQUIRE(tests != nullptr);
    REQUIRE((tests->mode == ShowMode::full || tests->mode == ShowMode::regions));
    CHECK(tests->kind == FileKind::test);
    if (tests->mode == ShowMode::regions) {
        const int last_line = static_cast<int>(std::count(test_text.begin(), test_text.end(), '\n'));
        CHECK(tests->regions.back().second == last_line);
        CHECK(tests->regions.front().first == 1);
    }
}
