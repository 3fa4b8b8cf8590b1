// Test-command detection: which runner a project gets, and why, from its root files alone.
#include "verify/test_command.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace oneshot::verify;

namespace {

struct Project {
    std::map<std::string, std::string> files;
    std::vector<std::string> extra_names;   // folders
    std::optional<TestCommand> detect() const
    {
        std::vector<std::string> names = extra_names;
        for (const auto& [name, content] : files) names.push_back(name);
        return detect_test_command(
            [&](const std::string& name) -> std::optional<std::string> {
                auto it = files.find(name);
                return it == files.end() ? std::nullopt : std::optional<std::string>(it->second);
            },
            names);
    }
};

std::string command_of(const Project& project)
{
    auto found = project.detect();
    return found ? found->command : "<none>";
}

} // namespace

TEST_CASE("detection: build systems that need a build step configure and build before testing", "[verify]")
{
    auto cmake = Project{{{"CMakeLists.txt", "project(x)"}, {"Makefile", "test:\n\tfalse\n"}}, {}}.detect();
    REQUIRE(cmake);
    CHECK(cmake->command.find("cmake -S . -B .oneshot-build") == 0);
    CHECK(cmake->command.find("cmake --build .oneshot-build") != std::string::npos);
    CHECK(cmake->command.find("ctest --test-dir .oneshot-build") != std::string::npos);
    CHECK(cmake->reason.find("CMakeLists.txt") != std::string::npos);

    auto meson = Project{{{"meson.build", "project('x', 'c')"}}, {}}.detect();
    REQUIRE(meson);
    CHECK(meson->command.find("meson setup .oneshot-build") == 0);
    CHECK(meson->command.find("meson test -C .oneshot-build") != std::string::npos);
}

TEST_CASE("detection: make test, else make check, only for real targets", "[verify]")
{
    CHECK(command_of({{{"Makefile", "all:\n\tcc x.c\ntest: all\n\t./t\n"}}, {}}) == "make test");
    CHECK(command_of({{{"GNUmakefile", "check:\n\t./t\n"}}, {}}) == "make check");
    CHECK(command_of({{{"Makefile", ".PHONY: all test\nall test:\n\t./t\n"}}, {}}) == "make test");
    // A variable named test, a phony declaration alone, or "testing:" are not test targets.
    CHECK(command_of({{{"Makefile", "test := 1\n.PHONY: test\ntesting:\n\t./t\n"}}, {}}) == "<none>");
}

TEST_CASE("detection: the Node package manager follows the lockfile", "[verify]")
{
    const std::string package = R"({"scripts": {"test": "jest"}})";
    CHECK(command_of({{{"package.json", package}, {"pnpm-lock.yaml", ""}}, {}}) == "pnpm install --frozen-lockfile && pnpm test");
    CHECK(command_of({{{"package.json", package}, {"yarn.lock", ""}}, {}}) == "yarn install --frozen-lockfile && yarn test");
    CHECK(command_of({{{"package.json", package}, {"package-lock.json", "{}"}}, {}}) == "npm ci && npm test");
    CHECK(command_of({{{"package.json", package}}, {}}) == "npm install && npm test");
    // npm init's placeholder script and broken JSON are not tests.
    CHECK(command_of({{{"package.json", R"({"scripts": {"test": "echo \"Error: no test specified\" && exit 1"}})"}}, {}}) == "<none>");
    CHECK(command_of({{{"package.json", "{not json"}}, {}}) == "<none>");
}

TEST_CASE("detection: language toolchains", "[verify]")
{
    CHECK(command_of({{{"Cargo.toml", "[package]"}}, {}}) == "cargo test");
    CHECK(command_of({{{"go.mod", "module x"}}, {}}) == "go test ./...");
    CHECK(command_of({{{"pom.xml", "<project/>"}}, {}}) == "mvn -q -B test");
    CHECK(command_of({{{"build.gradle", ""}, {"gradlew", "#!/bin/sh"}}, {}}) == "./gradlew test");
    CHECK(command_of({{{"build.gradle.kts", ""}}, {}}) == "gradle test");
}

TEST_CASE("detection: pytest when configured, tox, else unittest by convention", "[verify]")
{
    CHECK(command_of({{{"pytest.ini", ""}}, {}}).find("pytest") != std::string::npos);
    CHECK(command_of({{{"pyproject.toml", "[tool.pytest.ini_options]\n"}}, {}}).find("pytest") != std::string::npos);
    CHECK(command_of({{{"setup.cfg", "[tool:pytest]\n"}}, {}}).find("pytest") != std::string::npos);
    CHECK(command_of({{{"tox.ini", "[tox]\nenvlist = py3\n"}}, {}}) == "tox");
    CHECK(command_of({{{"tox.ini", "[pytest]\n"}}, {}}).find("pytest") != std::string::npos);
    CHECK(command_of({{{"pyproject.toml", "[project]\n"}}, {"tests"}}) == "python3 -m unittest discover -s tests -t .");
    CHECK(command_of({{{"app.py", ""}, {"test_app.py", ""}}, {}}) == "python3 -m unittest discover");
    // A tests/ folder alone, with nothing Python about the project, says nothing.
    CHECK(command_of({{{"README", ""}}, {"tests"}}) == "<none>");
    auto reason = Project{{{"setup.py", ""}}, {"test"}}.detect();
    REQUIRE(reason);
    CHECK(reason->reason == "Python files and a test/ folder (unittest)");
}
