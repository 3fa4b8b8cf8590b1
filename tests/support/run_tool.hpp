// Runs the real git-oneshot binary as a child process, as a user or a script would.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace oneshot::testing {

struct ToolRun {
    int exit_code = -1;
    std::string out;   // stdout
    std::string err;   // stderr
};

// `git-oneshot ARGS` in `cwd`, with extra environment variables and optional stdin text.
// Variables that could leak from the developer's shell (API keys, ONESHOT_*) are cleared.
ToolRun run_tool(const std::filesystem::path& cwd, const std::string& args,
                 const std::vector<std::pair<std::string, std::string>>& env = {}, const std::string& stdin_text = "");

} // namespace oneshot::testing
