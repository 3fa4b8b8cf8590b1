// The test sandbox: the test command under bubblewrap (Debian package bubblewrap), on by default
// where bwrap runs. Built so that code a model wrote can neither read the user's secrets nor touch
// the user's system or terminal:
//   --new-session (no TIOCSTI into the user's terminal), --die-with-parent, --unshare-all (own
//   PID, IPC, UTS, cgroup and network namespaces; network only with --test-network), --cap-drop ALL,
//   a fresh /proc (no /proc/<pid>/environ of the tool), a minimal /dev, the system folders
//   read-only, tmpfs over $HOME, /run, /tmp and /var/tmp (no ~/.ssh, no host sockets), only the
//   worktree (and the private /tmp) writable, the toolchains a test run needs read-only.
// The host's facts come from host_layout() (I/O); sandbox_argv is pure and tested directly.
#pragma once

#include "verify/child_env.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace oneshot::verify {

// A read-only bind: `source` on the host seen at `target` in the sandbox. A relative target is
// inside the worktree (prepared node_modules); unsandboxed, it becomes a symlink there.
struct ReadOnlyMount {
    std::string source;
    std::string target;
};

// How test processes are isolated: always a scrubbed environment, and bubblewrap when enabled.
struct SandboxConfig {
    std::string bwrap;                        // bwrap's path; empty: the tests run unsandboxed
    EnvPolicy env;                            // oneshot.testEnv
    bool network = false;                     // --test-network: keep the host's network
    std::vector<ReadOnlyMount> read_only;     // more read-only binds (git dir, prepared dependencies)
    std::vector<std::string> writable;        // more writable folders (a dependency entry being prepared)
    std::vector<std::pair<std::string, std::string>> env_set;   // variables set for the command (CARGO_HOME, PATH)
    bool enabled() const { return !bwrap.empty(); }
};

// What of the host the sandbox shows. Gathered once by host_layout().
struct HostLayout {
    std::vector<std::string> system_dirs;                             // bound read-only at the same path
    std::vector<std::pair<std::string, std::string>> symlinks;        // merged /usr: "/bin" -> "usr/bin"
    std::string home;                                                 // hidden under a tmpfs
    std::vector<std::string> toolchains;                              // read-only on top of that tmpfs
    std::vector<std::string> hidden_files;                            // system files replaced by /dev/null
    std::vector<std::string> network_files;                           // under /run, needed with the network (resolv.conf's target)
};

// The bwrap executable on PATH, or nullopt when bubblewrap is not installed.
std::optional<std::filesystem::path> find_bubblewrap();

// Whether bwrap can build the sandbox here (user and network namespaces allowed): runs `true`
// under the same namespace flags once. Empty when it can; otherwise bwrap's complaint.
std::string bubblewrap_failure(const std::filesystem::path& bwrap);

// This machine's layout, with $HOME and PATH from the environment.
HostLayout host_layout();

// Toolchain folders under `home` worth showing read-only: rustup/cargo, pyenv, Maven/Gradle
// caches, Go's module cache, nvm, plus every PATH entry under `home`. Pure over `exists`.
std::vector<std::string> toolchain_dirs(const std::string& home, const std::string& path_variable,
                                        const std::function<bool(const std::string&)>& exists);

// argv for running `sh -c command` in `worktree` under bwrap.
std::vector<std::string> sandbox_argv(const SandboxConfig& config, const HostLayout& host, const std::filesystem::path& worktree,
                                      const std::string& command);

} // namespace oneshot::verify
