// Which command tests a project: given explicitly, or detected from the files at its root.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace oneshot::verify {

struct TestCommand {
    std::string command;   // run with /bin/sh -c in the worktree's root
    std::string reason;    // why this one ("--test-cmd", "CMakeLists.txt at the root", ...)
};

// `read_root_file(name)` returns the content of a file at the project root, or nullopt.
std::optional<TestCommand> detect_test_command(const std::function<std::optional<std::string>(const std::string&)>& read_root_file);

} // namespace oneshot::verify
