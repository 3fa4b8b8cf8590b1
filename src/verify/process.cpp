#include "verify/process.hpp"

#include "core/interrupt.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace oneshot::verify {

namespace {

using Clock = std::chrono::steady_clock;

void append_tail(std::string& out, const char* data, std::size_t size, std::size_t keep)
{
    out.append(data, size);
    if (out.size() > 2 * keep) out.erase(0, out.size() - keep);
}

void kill_group(pid_t group, int sig)
{
    if (group > 0) ::kill(-group, sig);
}

} // namespace

ProcessResult run_process(const ProcessSpec& spec)
{
    ProcessResult result;
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        result.spawn_failed = true;
        result.output = "cannot create a pipe";
        return result;
    }
    const auto start = Clock::now();
    const pid_t child = ::fork();
    if (child < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        result.spawn_failed = true;
        result.output = "cannot fork";
        return result;
    }
    if (child == 0) {
        ::setpgid(0, 0);
        // Restore default signal dispositions the parent may have changed.
        ::signal(SIGINT, SIG_DFL);
        ::signal(SIGTERM, SIG_DFL);
        ::signal(SIGHUP, SIG_DFL);
        ::signal(SIGPIPE, SIG_DFL);
        const int devnull = ::open("/dev/null", O_RDONLY);
        if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
        ::dup2(fds[1], STDOUT_FILENO);
        ::dup2(fds[1], STDERR_FILENO);
        if (!spec.cwd.empty() && ::chdir(spec.cwd.c_str()) != 0) _exit(127);
        for (const auto& [key, value] : spec.env) ::setenv(key.c_str(), value.c_str(), 1);
        ::execl("/bin/sh", "sh", "-c", spec.command.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    ::setpgid(child, child);   // also in the parent, so the group exists before we might signal it
    ::close(fds[1]);
    const int reader = fds[0];
    ::fcntl(reader, F_SETFL, O_NONBLOCK);

    const auto deadline = spec.timeout_s > 0
        ? start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(spec.timeout_s))
        : Clock::time_point::max();
    bool pipe_open = true;
    bool exited = false;
    int status = 0;
    char buffer[65536];
    while (!exited) {
        if (pipe_open) {
            pollfd pfd{reader, POLLIN, 0};
            ::poll(&pfd, 1, 100);
            for (;;) {
                const ssize_t n = ::read(reader, buffer, sizeof buffer);
                if (n > 0) {
                    result.output_bytes += static_cast<std::size_t>(n);
                    append_tail(result.output, buffer, static_cast<std::size_t>(n), spec.keep_tail_bytes);
                    continue;
                }
                if (n == 0) pipe_open = false;
                break;
            }
        } else {
            ::usleep(20000);
        }
        const pid_t done = ::waitpid(child, &status, WNOHANG);
        if (done == child) {
            exited = true;
            break;
        }
        const bool late = Clock::now() >= deadline;
        if (late || interrupt_requested()) {
            result.timed_out = late;
            result.interrupted = !late;
            kill_group(child, SIGTERM);
            for (int i = 0; i < 40 && ::waitpid(child, &status, WNOHANG) == 0; ++i) ::usleep(50000);
            kill_group(child, SIGKILL);
            ::waitpid(child, &status, 0);
            exited = true;
        }
    }
    // Background processes the command left behind would hold the pipe open and outlive the run.
    kill_group(child, SIGKILL);
    for (;;) {
        const ssize_t n = ::read(reader, buffer, sizeof buffer);
        if (n <= 0) break;
        result.output_bytes += static_cast<std::size_t>(n);
        append_tail(result.output, buffer, static_cast<std::size_t>(n), spec.keep_tail_bytes);
    }
    ::close(reader);
    if (result.output.size() > spec.keep_tail_bytes) {
        result.output.erase(0, result.output.size() - spec.keep_tail_bytes);
    }
    result.duration_s = std::chrono::duration<double>(Clock::now() - start).count();
    if (!result.timed_out && !result.interrupted) {
        if (WIFEXITED(status)) {
            result.exit_code = WEXITSTATUS(status);
        } else if (WIFSIGNALED(status)) {
            result.signal = WTERMSIG(status);
        }
    }
    return result;
}

} // namespace oneshot::verify
