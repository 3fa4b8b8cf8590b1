#include "verify/sandbox.hpp"

#include <cstdlib>
#include <unistd.h>

namespace oneshot::verify {

std::optional<std::filesystem::path> find_bubblewrap()
{
    const char* path = std::getenv("PATH");
    std::string dirs = path && *path ? path : "/usr/local/bin:/usr/bin:/bin";
    std::size_t start = 0;
    while (start <= dirs.size()) {
        std::size_t end = dirs.find(':', start);
        if (end == std::string::npos) end = dirs.size();
        const std::filesystem::path candidate = std::filesystem::path(dirs.substr(start, end - start).empty() ? "." : dirs.substr(start, end - start)) / "bwrap";
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
        start = end + 1;
    }
    return std::nullopt;
}

std::vector<std::string> sandbox_argv(const std::filesystem::path& bwrap, const std::filesystem::path& worktree, const std::string& command)
{
    const std::string dir = worktree.string();
    // Mounts apply in order: the worktree is bound after the private /tmp, so a worktree that
    // lives under /tmp stays visible (and writable) on top of it.
    return {bwrap.string(), "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
            "--bind", dir, dir, "--unshare-net", "--die-with-parent", "--chdir", dir, "/bin/sh", "-c", command};
}

} // namespace oneshot::verify
