#include "verify/dependency_plan.hpp"

#include "verify/baseline_cache.hpp"

#include <algorithm>

namespace oneshot::verify {

namespace {

std::vector<std::string> present(const ReadRootFile& read, std::initializer_list<const char*> names)
{
    std::vector<std::string> found;
    for (const char* name : names) {
        if (read(name)) found.emplace_back(name);
    }
    return found;
}

// The install commands are the same words test_command.cpp puts before the tests, so that a
// detected "npm ci && npm test" loses exactly its install step.
std::optional<DependencyPlan> node_plan(const ReadRootFile& read)
{
    if (!read("package.json")) return std::nullopt;
    DependencyPlan plan;
    plan.tree_dirs = {"node_modules"};
    // No audit or funding requests, no update check: the install is about the tree, nothing else.
    plan.env = {{"npm_config_audit", "false"}, {"npm_config_fund", "false"}, {"npm_config_update_notifier", "false"}};
    if (read("pnpm-lock.yaml")) {
        plan.ecosystem = "pnpm";
        plan.install = "pnpm install --frozen-lockfile";
    } else if (read("yarn.lock")) {
        plan.ecosystem = "yarn";
        plan.install = "yarn install --frozen-lockfile";
    } else {
        plan.ecosystem = "npm";
        plan.install = read("package-lock.json") || read("npm-shrinkwrap.json") ? "npm ci" : "npm install";
    }
    plan.manifests = present(read, {"package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", ".npmrc"});
    return plan;
}

std::optional<DependencyPlan> python_plan(const ReadRootFile& read)
{
    auto manifests = present(read, {"requirements.txt", "requirements-dev.txt", "requirements-test.txt", "pyproject.toml", "setup.cfg", "setup.py"});
    if (manifests.empty()) return std::nullopt;
    DependencyPlan plan;
    plan.ecosystem = "python";
    plan.manifests = manifests;
    // A venv that can see the system's packages (Debian's python3-* included), at its final place
    // in the cache: a venv's scripts name their interpreter by absolute path. Only requirement
    // files are installed: `pip install .` needs build tools from the index (build isolation).
    // Without them the install is empty, and only the user's own venv can serve.
    std::string requirements;
    for (const char* file : {"requirements.txt", "requirements-dev.txt", "requirements-test.txt"}) {
        if (read(file)) requirements += std::string(" && {cache}/venv/bin/pip install -q --disable-pip-version-check -r ") + file;
    }
    if (!requirements.empty()) plan.install = "python3 -m venv --system-site-packages {cache}/venv" + requirements;
    plan.path_prepend = {"{cache}/venv/bin"};
    plan.offline_env = {{"VIRTUAL_ENV", "{cache}/venv"}, {"PIP_NO_INDEX", "1"}};
    return plan;
}

} // namespace

std::optional<DependencyPlan> plan_dependencies(const ReadRootFile& read)
{
    if (auto node = node_plan(read)) return node;
    if (read("Cargo.toml")) {
        DependencyPlan plan{"cargo", present(read, {"Cargo.toml", "Cargo.lock"}), "cargo fetch", {}, {{"CARGO_HOME", "{cache}/cargo"}},
                            {{"CARGO_NET_OFFLINE", "true"}}, {}};
        return plan;
    }
    if (read("go.mod")) {
        DependencyPlan plan{"go", present(read, {"go.mod", "go.sum"}), "go mod download", {}, {{"GOMODCACHE", "{cache}/gomod"}},
                            {{"GOPROXY", "off"}, {"GOFLAGS", "-mod=mod"}}, {}};
        return plan;
    }
    if (read("pom.xml")) {
        DependencyPlan plan{"maven", {"pom.xml"}, "mvn -q -B dependency:go-offline", {}, {{"MAVEN_OPTS", "-Dmaven.repo.local={cache}/m2"}},
                            {}, {}};
        return plan;
    }
    return python_plan(read);
}

std::string dependency_key(const DependencyPlan& plan, const ReadRootFile& read)
{
    std::string material = plan.ecosystem + '\n' + plan.install + '\n';
    for (const auto& name : plan.manifests) {
        const auto content = read(name);
        material += name + '\n' + std::to_string(content ? content->size() : 0) + '\n' + content.value_or("") + '\n';
    }
    // Two independent 64-bit hashes: a collision would silently reuse the wrong dependencies.
    return plan.ecosystem + "-" + command_hash(material) + command_hash("salt\n" + material);
}

std::string without_install(const std::string& command, const DependencyPlan& plan)
{
    const std::string prefix = plan.install + " && ";
    if (plan.tree_dirs.empty() || command.rfind(prefix, 0) != 0) return command;
    return command.substr(prefix.size());
}

bool plan_serves(const DependencyPlan& plan, const std::string& command)
{
    if (command.empty()) return true;
    std::vector<const char*> tools;
    if (plan.ecosystem == "npm" || plan.ecosystem == "yarn" || plan.ecosystem == "pnpm") tools = {"npm", "npx", "yarn", "pnpm", "node", "jest", "mocha", "vitest"};
    else if (plan.ecosystem == "python") tools = {"python", "pytest", "tox", "nox"};
    else if (plan.ecosystem == "cargo") tools = {"cargo"};
    else if (plan.ecosystem == "go") tools = {"go "};
    else if (plan.ecosystem == "maven") tools = {"mvn"};
    return std::any_of(tools.begin(), tools.end(), [&](const char* tool) { return command.find(tool) != std::string::npos; });
}

std::string expand_cache(const std::string& value, const std::string& cache_dir)
{
    std::string out = value;
    for (std::size_t at = out.find("{cache}"); at != std::string::npos; at = out.find("{cache}", at + cache_dir.size())) {
        out.replace(at, 7, cache_dir);
    }
    return out;
}

} // namespace oneshot::verify
