// Runs a shell command as a child process in its own process group, with a deadline, output
// captured (the tail kept), and the whole group killed on timeout, interrupt or exit, so no test
// leaves a stray process behind. The child gets a scrubbed environment (child_env.hpp); its
// argument and environment arrays are built before fork, so the child only calls async-signal-safe
// functions until execve (the batch and candidate runs start processes from several threads).
#pragma once

#include "verify/child_env.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace oneshot::verify {

struct ProcessSpec {
    std::string command;                      // run as /bin/sh -c COMMAND
    std::vector<std::string> argv;            // when not empty: run this instead (e.g. the command under bwrap)
    std::filesystem::path cwd;
    double timeout_s = 0;                     // 0: no deadline
    std::size_t keep_tail_bytes = 64 * 1024;  // output kept for reports and repair prompts
    std::vector<std::pair<std::string, std::string>> env;   // set on top of the scrubbed environment
    EnvPolicy env_policy;                     // what of this process's environment the child keeps
};

struct ProcessResult {
    std::optional<int> exit_code;   // null when killed by a signal or timed out
    int signal = 0;
    bool timed_out = false;
    bool interrupted = false;
    bool spawn_failed = false;
    double duration_s = 0;
    std::string output;             // stdout and stderr interleaved, the tail if long
    std::size_t output_bytes = 0;   // total, before trimming
};

ProcessResult run_process(const ProcessSpec& spec);

// The child's environment: this process's, scrubbed by the policy, with `overrides` set on top.
std::vector<std::string> child_environment(const EnvPolicy& policy, const std::vector<std::pair<std::string, std::string>>& overrides);

} // namespace oneshot::verify
