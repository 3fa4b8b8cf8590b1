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

// Only called while the group's leader is not yet reaped (a zombie at worst): its PID, and so the
// group id, cannot have been given to another process.
void kill_group(pid_t group, int sig)
{
    if (group > 0) ::kill(-group, sig);
}

// Whether the child has exited, without reaping it (WNOWAIT), so its PID stays reserved until
// the final group kill is done.
bool has_exited(pid_t child)
{
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(child), &info, WEXITED | WNOHANG | WNOWAIT) != 0) return errno == ECHILD;
    return info.si_pid == child;
}

// Everything execve needs, as owned strings plus the pointer arrays into them; built before fork.
struct ExecImage {
    std::vector<std::string> argv_storage;
    std::vector<std::string> env_storage;
    std::vector<char*> argv;
    std::vector<char*> envp;
};

ExecImage exec_image(const ProcessSpec& spec)
{
    ExecImage image;
    image.argv_storage = spec.argv.empty() ? std::vector<std::string>{"/bin/sh", "-c", spec.command} : spec.argv;
    image.env_storage = child_environment(spec.env_policy, spec.env);
    for (auto& arg : image.argv_storage) image.argv.push_back(arg.data());
    image.argv.push_back(nullptr);
    for (auto& entry : image.env_storage) image.envp.push_back(entry.data());
    image.envp.push_back(nullptr);
    return image;
}

// In the forked child: async-signal-safe calls only.
[[noreturn]] void exec_child(const ExecImage& image, const char* cwd, int output_fd)
{
    ::setpgid(0, 0);
    // Restore default signal dispositions the parent may have changed.
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    ::signal(SIGHUP, SIG_DFL);
    ::signal(SIGPIPE, SIG_DFL);
    const int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
    ::dup2(output_fd, STDOUT_FILENO);
    ::dup2(output_fd, STDERR_FILENO);
    if (cwd && ::chdir(cwd) != 0) _exit(127);
    ::execve(image.argv[0], image.argv.data(), image.envp.data());
    _exit(127);
}

// Reads what is available; true at end of file (every writer closed the pipe).
bool drain(int reader, ProcessResult& result, std::size_t keep)
{
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(reader, buffer, sizeof buffer);
        if (n <= 0) return n == 0;
        result.output_bytes += static_cast<std::size_t>(n);
        append_tail(result.output, buffer, static_cast<std::size_t>(n), keep);
    }
}

} // namespace

std::vector<std::string> child_environment(const EnvPolicy& policy, const std::vector<std::pair<std::string, std::string>>& overrides)
{
    std::vector<std::string> entries = scrub_environment(current_environment(), policy);
    for (const auto& [key, value] : overrides) {
        const std::string prefix = key + "=";
        std::erase_if(entries, [&](const std::string& entry) { return entry.rfind(prefix, 0) == 0; });
        entries.push_back(prefix + value);
    }
    return entries;
}

ProcessResult run_process(const ProcessSpec& spec)
{
    ProcessResult result;
    const ExecImage image = exec_image(spec);
    const std::string cwd = spec.cwd.string();
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
    if (child == 0) exec_child(image, cwd.empty() ? nullptr : cwd.c_str(), fds[1]);
    ::setpgid(child, child);   // also in the parent, so the group exists before we might signal it
    ::close(fds[1]);
    const int reader = fds[0];
    ::fcntl(reader, F_SETFL, O_NONBLOCK);

    const auto deadline = spec.timeout_s > 0
        ? start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(spec.timeout_s))
        : Clock::time_point::max();
    bool pipe_open = true;
    while (true) {
        if (pipe_open) {
            pollfd pfd{reader, POLLIN, 0};
            ::poll(&pfd, 1, 100);
            if (drain(reader, result, spec.keep_tail_bytes)) pipe_open = false;
        } else {
            ::usleep(20000);
        }
        if (has_exited(child)) break;
        const bool late = Clock::now() >= deadline;
        if (late || interrupt_requested()) {
            result.timed_out = late;
            result.interrupted = !late;
            kill_group(child, SIGTERM);
            for (int i = 0; i < 40 && !has_exited(child); ++i) ::usleep(50000);
            break;
        }
    }
    // Background processes the command left behind would hold the pipe open and outlive the run.
    // The leader is still unreaped here, so the group id is still ours.
    kill_group(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    drain(reader, result, spec.keep_tail_bytes);
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
