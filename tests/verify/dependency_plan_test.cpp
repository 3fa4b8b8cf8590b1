// Which dependencies a project needs and how they are keyed (issue 19): pure rules over root files.
#include "verify/dependency_plan.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace oneshot::verify;

namespace {

ReadRootFile files(std::map<std::string, std::string> content)
{
    return [content](const std::string& name) -> std::optional<std::string> {
        auto it = content.find(name);
        return it == content.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
}

} // namespace

TEST_CASE("dependency plan: each ecosystem's manifests, install and offline settings", "[verify]")
{
    auto npm = plan_dependencies(files({{"package.json", "{}"}, {"package-lock.json", "{}"}}));
    REQUIRE(npm);
    CHECK(npm->ecosystem == "npm");
    CHECK(npm->install == "npm ci");
    CHECK(npm->manifests == std::vector<std::string>{"package.json", "package-lock.json"});
    CHECK(npm->tree_dirs == std::vector<std::string>{"node_modules"});
    CHECK(plan_dependencies(files({{"package.json", "{}"}}))->install == "npm install");
    CHECK(plan_dependencies(files({{"package.json", "{}"}, {"yarn.lock", ""}}))->install == "yarn install --frozen-lockfile");
    CHECK(plan_dependencies(files({{"package.json", "{}"}, {"pnpm-lock.yaml", ""}}))->ecosystem == "pnpm");

    auto cargo = plan_dependencies(files({{"Cargo.toml", ""}, {"Cargo.lock", ""}}));
    REQUIRE(cargo);
    CHECK(cargo->install == "cargo fetch");
    CHECK(expand_cache(cargo->env.at(0).second, "/c/k") == "/c/k/cargo");
    CHECK(cargo->offline_env == std::vector<std::pair<std::string, std::string>>{{"CARGO_NET_OFFLINE", "true"}});
    CHECK(plan_dependencies(files({{"go.mod", ""}}))->offline_env.at(0) == std::make_pair(std::string("GOPROXY"), std::string("off")));
    CHECK(plan_dependencies(files({{"pom.xml", ""}}))->ecosystem == "maven");

    auto python = plan_dependencies(files({{"requirements.txt", "x"}, {"pyproject.toml", ""}}));
    REQUIRE(python);
    CHECK(python->install.find("python3 -m venv --system-site-packages {cache}/venv") == 0);
    CHECK(python->install.find("-r requirements.txt") != std::string::npos);
    // No requirement file: nothing to install (only the user's own venv can serve).
    CHECK(plan_dependencies(files({{"pyproject.toml", ""}}))->install.empty());
    CHECK_FALSE(plan_dependencies(files({{"Makefile", "test:\n"}})));
}

TEST_CASE("dependency plan: the key follows manifest content only, the install step leaves the command", "[verify]")
{
    const auto a = files({{"package.json", "{\"dependencies\":{}}"}, {"README.md", "one"}});
    const auto b = files({{"package.json", "{\"dependencies\":{}}"}, {"README.md", "two"}});
    const auto c = files({{"package.json", "{\"dependencies\":{\"x\":\"1\"}}"}});
    const auto plan = *plan_dependencies(a);
    CHECK(dependency_key(plan, a) == dependency_key(plan, b));
    CHECK(dependency_key(plan, a) != dependency_key(*plan_dependencies(c), c));
    CHECK(dependency_key(plan, a).rfind("npm-", 0) == 0);

    CHECK(without_install("npm install && npm test", plan) == "npm test");
    CHECK(without_install("npm test", plan) == "npm test");
    CHECK(without_install("npm installer && x", plan) == "npm installer && x");
    CHECK(plan_serves(plan, ""));
    CHECK(plan_serves(plan, "npm test"));
    CHECK_FALSE(plan_serves(plan, "make lint"));
}
