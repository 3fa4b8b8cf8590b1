// Which command tests a project: given explicitly, or detected from the files at its root. Pure:
// the project is seen through a lookup of root files and the list of root entry names, so the
// rules are testable without a repository.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace oneshot::verify {

struct TestCommand {
    std::string command;   // run with /bin/sh -c in the worktree's root
    std::string reason;    // why this one ("--test-cmd", "CMakeLists.txt at the root", ...)
};

// Machine-readable results (JUnit XML) of the commands we choose, relative to the worktree: pytest's
// --junitxml, ctest's --output-junit, and the report meson test always writes. When one exists, the
// failing names come from it rather than from the runner's text output (issue 12).
inline constexpr const char* kStructuredResults[] = {".oneshot-build/pytest-junit.xml", ".oneshot-build/ctest-junit.xml",
                                                     ".oneshot-build/meson-logs/testlog.junit.xml"};

using ReadRootFile = std::function<std::optional<std::string>(const std::string&)>;

// `read_root_file(name)` returns the content of a file at the project root, or nullopt;
// `root_names` lists the names at the root (files and folders), used where a convention has no
// marker file (a tests/ folder for unittest). Build systems come first, because they know how to
// build before testing; then language package managers; then bare test runners.
std::optional<TestCommand> detect_test_command(const ReadRootFile& read_root_file,
                                               const std::vector<std::string>& root_names = {});

} // namespace oneshot::verify
