// Test dependencies prepared once per (repository, manifests + lockfiles content) and reused by
// every test worktree (issue 19). Entries live under <git dir>/oneshot/deps/<key>/; an entry is
// made by running the plan's install in a fresh worktree of the revision, with the network but
// in the secret-free sandbox, and is complete once its ".ready" marker exists. Concurrent runs
// share entries through flock(2) on <key>.lock: shared while an entry is in use, exclusive while it
// is made or deleted. Entries are cleaned by size, least recently used first, never while in use.
// A Python project that has its own .venv (or an active VIRTUAL_ENV) uses that, read-only.
#pragma once

#include "core/error.hpp"
#include "repo/repository.hpp"
#include "verify/dependency_plan.hpp"
#include "verify/sandbox.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace oneshot::verify {

enum class DependencyState { reused, prepared, user_environment, not_installed };

// Inline: the run report's JSON writer (fuzzed without the cache's I/O) needs it.
inline std::string to_string(DependencyState state)
{
    switch (state) {
    case DependencyState::reused: return "reused";
    case DependencyState::prepared: return "prepared";
    case DependencyState::user_environment: return "user environment";
    case DependencyState::not_installed: return "not installed";
    }
    return "not installed";
}

struct DependencyReport {
    std::string ecosystem;
    DependencyState state = DependencyState::not_installed;
    double prepare_s = 0;                 // time spent preparing in this run (0 when reused)
    std::string message;                  // why not installed, or what was used
    bool change_not_installed = false;    // the change altered the manifests and was not allowed to install
};

struct PreparedDependencies {
    DependencyPlan plan;
    std::string key;
    std::filesystem::path dir;            // the entry (or the user's venv); empty when not installed
    DependencyReport report;
    std::shared_ptr<void> lock;           // the shared lock that keeps the entry from being cleaned
};

// The dependencies the manifests at `commit` need: reused, prepared now, the user's venv, or not
// installed (the report says why: the install failed, or it timed out). nullopt when the project
// has no manifest we know. Errors only for an interrupt or a repository failure.
// `explicit_command`: the given test command (empty: detected), see plan_serves.
Result<std::optional<PreparedDependencies>> prepare_dependencies(const repo::Repository& repository, const git_oid& commit,
                                                                 const SandboxConfig& sandbox, double timeout_s,
                                                                 const std::string& explicit_command = {});

// The manifests' key at `commit`, or nullopt when it has no plan (to see whether a change altered them).
Result<std::optional<std::string>> dependency_key_at(const repo::Repository& repository, const git_oid& commit);

// What a test run needs to use the entry: read-only mounts (tree folders inside the worktree;
// symlinks when unsandboxed), environment, PATH, and the command without its install step.
void use_dependencies(const PreparedDependencies& prepared, SandboxConfig& sandbox, TestCommand& command);

} // namespace oneshot::verify
