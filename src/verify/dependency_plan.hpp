// Which installed dependencies a project's tests need, and how to prepare them once (issue 19).
// Pure: the project is seen through its root files, so every rule is testable without a disk.
// A plan names the files whose content decides the dependencies (manifests and lockfiles), the
// install command run at the base with the network, what the install leaves behind (folders in
// the tree, or a cache folder given through the environment), and the variables that make the
// tests use them offline. "{cache}" in a value stands for the prepared entry's folder.
#pragma once

#include "verify/test_command.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace oneshot::verify {

struct DependencyPlan {
    std::string ecosystem;                                    // "npm", "yarn", "pnpm", "python", "cargo", "go", "maven"
    std::vector<std::string> manifests;                       // root files whose content keys the cache (present ones)
    std::string install;                                      // run in a worktree of the base, with the network
    std::vector<std::string> tree_dirs;                       // left in the tree by install, moved into the cache ("node_modules")
    std::vector<std::pair<std::string, std::string>> env;     // at install and test time (CARGO_HOME={cache}/cargo)
    std::vector<std::pair<std::string, std::string>> offline_env;   // at test time only (CARGO_NET_OFFLINE=true)
    std::vector<std::string> path_prepend;                    // folders put first on PATH at test time ({cache}/venv/bin)
};

// The plan for a project, or nullopt when it has no dependency manifest we know.
std::optional<DependencyPlan> plan_dependencies(const ReadRootFile& read_root_file);

// The cache key: the ecosystem, the install command and every manifest's name and content.
std::string dependency_key(const DependencyPlan& plan, const ReadRootFile& read_root_file);

// The test command without the plan's install step in front ("npm ci && npm test" -> "npm test"),
// or unchanged when it does not start with it.
std::string without_install(const std::string& command, const DependencyPlan& plan);

// Whether a test command would use the plan's dependencies: a detected one (empty) always; a
// given one when it names the ecosystem's tools (npm, node, python, pytest, cargo, go, mvn, ...),
// so that `--test-cmd 'make lint'` in a project with a package.json installs nothing.
bool plan_serves(const DependencyPlan& plan, const std::string& explicit_command);

// "{cache}" replaced by the entry's folder.
std::string expand_cache(const std::string& value, const std::string& cache_dir);

} // namespace oneshot::verify
