// The complete change through the real binary: files that are not code can be deleted, renamed
// and edited, and a small repository is shown whole.
#include "support/example_repo.hpp"
#include "support/fake_server.hpp"
#include "support/run_tool.hpp"
#include "support/temp_repo.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

using namespace oneshot::testing;
using nlohmann::json;

namespace {

std::vector<std::pair<std::string, std::string>> model_env(const FakeModelServer& server)
{
    return {{"OPENAI_BASE_URL", server.base_url()}, {"OPENAI_API_KEY", "sk-test"}};
}

// The bundled example plus the files a real repository has besides its code.
struct ProjectRepo {
    ExampleRepo example;
    std::string head;
    ProjectRepo()
    {
        example.repo.write("README.md", "# Inventory\n\nKeeps stock counts.\n");
        example.repo.write("notes/obsolete.txt", "to be removed\n");
        example.repo.write("docs/old.txt", "History of the project.\n");
        head = example.repo.commit_all("docs and notes");
    }
};

json complete_answer()
{
    return {{"summary", "Tidy the notes and the docs"},
            {"explanation", "Removes the obsolete notes, renames the history page and documents the report."},
            {"changes",
             {{{"path", "notes/obsolete.txt"}, {"action", "delete"}, {"new_path", nullptr}, {"content", nullptr}, {"edits", nullptr}},
              {{"path", "docs/old.txt"}, {"action", "rename"}, {"new_path", "docs/history.txt"}, {"content", nullptr}, {"edits", nullptr}},
              {{"path", "README.md"},
               {"action", "modify"},
               {"new_path", nullptr},
               {"content", nullptr},
               {"edits", {{{"search", "Keeps stock counts.\n"}, {"replace", "Keeps stock counts and prints reports.\n"}}}}}}}};
}

} // namespace

TEST_CASE("context: a tiny repository is shown whole, every file with its kind", "[e2e]")
{
    ProjectRepo project;
    auto run = run_tool(project.example.repo.path(), "context --json --budget 100000 'and delete notes/obsolete.txt'");
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto out = json::parse(run.out);
    std::map<std::string, std::pair<std::string, std::string>> files;   // path -> (mode, kind)
    for (const auto& f : out.at("files")) files[f.at("path")] = {f.at("mode"), f.at("kind")};
    std::istringstream tracked(project.example.repo.git("ls-files"));
    for (std::string p; std::getline(tracked, p);) {
        INFO(p);
        REQUIRE(files.contains(p));
        CHECK(files[p].first == "full");
    }
    CHECK(files["README.md"].second == "doc");
    CHECK(files["inventory/store.py"].second == "source");
    CHECK(files["tests/test_store.py"].second == "test");
    CHECK(files["Makefile"].second == "build");
}

TEST_CASE("run: deleting a note, renaming a doc and editing the README make one commit", "[e2e]")
{
    ProjectRepo project;
    auto& repo = project.example.repo;
    FakeModelServer server(json::array({{{"answer", complete_answer().dump()}}}).dump());
    SECTION("a budget that shows everything")
    {
        auto run = run_tool(repo.path(), "--json --provider openai --model o3 'Tidy the docs and delete notes/obsolete.txt'", model_env(server));
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        const std::string branch = json::parse(run.out)["branch"];
        CHECK(repo.git("diff --name-status -M " + project.head + " " + branch) ==
              "M\tREADME.md\nR100\tdocs/old.txt\tdocs/history.txt\nD\tnotes/obsolete.txt\n");
        CHECK(repo.file_at(branch, "README.md").find("prints reports") != std::string::npos);
        CHECK(repo.git("status --porcelain").empty());
    }
    SECTION("a budget so small the notes and docs are listed by path only")
    {
        std::string padding;
        for (int i = 0; i < 400; ++i) padding += "def helper_" + std::to_string(i) + "(value):\n    return value + " + std::to_string(i) + "\n\n";
        repo.write("inventory/helpers.py", padding);
        const std::string base = repo.commit_all("helpers");
        const std::string task = "'Tidy up the inventory helpers'";
        auto context = run_tool(repo.path(), "context --json --budget 1000 " + task);
        REQUIRE(context.exit_code == 0);
        std::map<std::string, std::string> modes;
        const json parsed_files = json::parse(context.out);
        for (const auto& f : parsed_files.at("files")) modes[f.at("path")] = f.at("mode");
        // Not shown verbatim: the model only knows their paths.
        INFO(context.out);
        CHECK(modes["notes/obsolete.txt"] != "full");
        CHECK(modes["docs/old.txt"] != "full");
        CHECK(modes["notes/obsolete.txt"] != "regions");

        auto answer = complete_answer();
        answer["changes"].erase(2);   // README.md is not shown at this budget either
        FakeModelServer small(json::array({{{"answer", answer.dump()}}}).dump());
        auto run = run_tool(repo.path(), "--json --budget 1000 --provider openai --model o3 " + task, model_env(small));
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        const std::string branch = json::parse(run.out)["branch"];
        CHECK(repo.git("diff --name-status -M " + base + " " + branch) == "R100\tdocs/old.txt\tdocs/history.txt\nD\tnotes/obsolete.txt\n");
    }
}
