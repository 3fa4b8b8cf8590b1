// Starts the real git-oneshot binary without waiting for it, so a test can signal it mid-run (as
// Ctrl-C in a terminal would), and finds processes by a marker in their command line.
#pragma once

#include "support/temp_repo.hpp"

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

namespace oneshot::testing::verify_support {

struct AsyncTool {
    pid_t pid = -1;
    std::filesystem::path out;
    std::filesystem::path err;
};

// `exec` all the way down, so `pid` is the tool itself, not a shell around it.
inline AsyncTool start_tool_async(const std::filesystem::path& cwd, const std::string& args,
                              const std::vector<std::pair<std::string, std::string>>& env, const std::filesystem::path& output_dir)
{
    AsyncTool tool;
    tool.out = output_dir / "out";
    tool.err = output_dir / "err";
    std::string command = "cd " + quote(cwd.string()) + " && exec env -u OPENAI_API_KEY -u ANTHROPIC_API_KEY -u ONESHOT_API_KEY -u ONESHOT_MODEL";
    for (const auto& [key, value] : env) command += " " + key + "=" + quote(value);
    command += " " + quote(ONESHOT_BINARY) + " " + args + " </dev/null >" + quote(tool.out.string()) + " 2>" + quote(tool.err.string());
    tool.pid = ::fork();
    if (tool.pid == 0) {
        ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    return tool;
}

// Exit code, or 128 + signal.
inline int wait_async_tool(const AsyncTool& tool)
{
    int status = 0;
    if (::waitpid(tool.pid, &status, 0) != tool.pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

inline std::string read_whole_file(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Live processes whose command line contains `marker` (pgrep -f). The pattern is written as
// "[x]yz" so it does not match the command line of the shell that runs pgrep.
inline int count_processes_with(const std::string& marker)
{
    const std::string pattern = "[" + marker.substr(0, 1) + "]" + marker.substr(1);
    const std::string out = shell("pgrep -f -c " + quote(pattern) + " || true");
    return out.empty() ? 0 : std::stoi(out);
}

inline bool wait_for_process_with(const std::string& marker, double seconds)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        if (count_processes_with(marker) > 0) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

} // namespace oneshot::testing::verify_support
