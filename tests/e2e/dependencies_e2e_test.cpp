// Issue 19 end to end: test dependencies prepared once from the base and reused; a change that
// adds a dependency is installed only with permission, and its postinstall script never runs
// without it. The dependency is a tarball in the repository (file:), so no registry is needed.
#include "support/run_tool.hpp"
#include "support/temp_repo.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>

using namespace oneshot::testing;
using nlohmann::json;

namespace {

json whole(const std::string& path, const std::string& content)
{
    return {{"path", path}, {"action", "modify"}, {"new_path", nullptr}, {"content", content}, {"edits", nullptr}};
}

struct NodeProject {
    TempRepo repo;
    NodeProject()
    {
        repo.write("package.json", R"({"name": "p", "version": "1.0.0", "scripts": {"test": "node test.js"}})" "\n");
        repo.write("test.js", "console.log('base ok');\n");
        // A one-file package, packed the way npm packs (a package/ folder in a gzipped tar).
        repo.write("pkg/package/package.json", R"({"name": "localdep", "version": "1.0.0", "main": "index.js"})" "\n");
        repo.write("pkg/package/index.js", "module.exports = () => 'from localdep';\n");
        shell("cd " + quote((repo.path() / "pkg").string()) + " && tar czf ../localdep.tgz package && cd .. && rm -r pkg");
        repo.commit_all("base");
    }
    // The model's change: a new dependency, a postinstall that leaves a marker, a test using it.
    std::string change_file()
    {
        const json doc = {{"summary", "Use localdep"}, {"explanation", "."},
                          {"changes", json::array({whole("package.json", R"({"name": "p", "version": "1.0.0",
  "scripts": {"test": "node test.js", "postinstall": "node -e \"require('fs').writeFileSync('node_modules/.postinstall-ran', 'x')\""},
  "dependencies": {"localdep": "file:localdep.tgz"}})" "\n"),
                                                   whole("test.js", "console.log(require('localdep')());\n")})}};
        const auto file = repo.path().parent_path() / "patch.json";
        std::ofstream(file) << doc.dump();
        return file.string();
    }
    // Every postinstall marker under the git dir's dependency cache.
    int markers() const
    {
        return std::stoi(shell("find " + quote((repo.path() / ".git" / "oneshot").string()) + " -name .postinstall-ran 2>/dev/null | wc -l"));
    }
};

bool have_npm()
{
    return std::system("command -v npm >/dev/null 2>&1") == 0;
}

} // namespace

TEST_CASE("dependencies: prepared once from the base, then reused by later runs", "[e2e][verify]")
{
    if (!have_npm()) {
        WARN("npm is not installed: dependency preparation is not checked");
        return;
    }
    NodeProject project;
    const auto doc = json{{"summary", "Louder"}, {"explanation", "."},
                          {"changes", json::array({whole("test.js", "console.log('BASE OK');\n")})}};
    const auto file = project.repo.path().parent_path() / "patch.json";
    std::ofstream(file) << doc.dump();
    auto first = run_tool(project.repo.path(), "apply --json " + quote(file.string()));
    INFO(first.err);
    REQUIRE(first.exit_code == 0);
    auto report = json::parse(first.out);
    CHECK(report["tests"]["command"] == "npm test");   // the install step is done once, beforehand
    CHECK(report["tests"]["dependencies"]["ecosystem"] == "npm");
    CHECK(report["tests"]["dependencies"]["state"] == "prepared");
    auto second = run_tool(project.repo.path(), "apply --json --branch again " + quote(file.string()));
    INFO(second.err);
    REQUIRE(second.exit_code == 0);
    report = json::parse(second.out);
    CHECK(report["tests"]["dependencies"]["state"] == "reused");
    CHECK(report["tests"]["dependencies"]["prepare_s"] == 0);
}

TEST_CASE("dependencies: a change that adds one is not installed without permission, its postinstall never runs", "[e2e][verify]")
{
    if (!have_npm()) {
        WARN("npm is not installed: dependency changes are not checked");
        return;
    }
    NodeProject project;
    auto run = run_tool(project.repo.path(), "apply --json " + quote(project.change_file()));
    INFO(run.err);
    CHECK(run.exit_code == 1);
    const auto report = json::parse(run.out);
    CHECK(report["tests"]["dependencies"]["state"] == "not installed");
    CHECK(report["tests"]["verdict"] == "not verified");
    CHECK(project.markers() == 0);
    CHECK_FALSE(std::filesystem::exists(project.repo.path() / "node_modules"));

    auto allowed = run_tool(project.repo.path(), "apply --json --branch allowed --allow-dependency-changes " + quote(project.change_file()));
    INFO(allowed.err);
    CHECK(allowed.exit_code == 0);
    const auto allowed_report = json::parse(allowed.out);
    CHECK(allowed_report["status"] == "passed");
    CHECK(allowed_report["tests"]["dependencies"]["state"] == "prepared");
    CHECK_FALSE(allowed_report["tests"].contains("verdict"));
    CHECK(project.markers() == 1);   // with permission it ran, in the sandbox, into the cache entry
}
