// --sandbox: the test command under bubblewrap (Debian package bubblewrap), with no network (a
// fresh network namespace with only loopback), the whole system read-only, a private /tmp, and
// only the worktree under test writable. The argument list is pure, so it is tested directly.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace oneshot::verify {

// The bwrap executable on PATH, or nullopt when bubblewrap is not installed.
std::optional<std::filesystem::path> find_bubblewrap();

// argv for running `sh -c command` in `worktree` under bwrap. No --new-session and no PID
// namespace: the sandboxed processes stay in the caller's process group, so the timeout and
// Ctrl-C still kill all of them; --die-with-parent covers the rest.
std::vector<std::string> sandbox_argv(const std::filesystem::path& bwrap, const std::filesystem::path& worktree, const std::string& command);

} // namespace oneshot::verify
