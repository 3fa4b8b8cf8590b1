#include "verify/sandbox.hpp"

#include "verify/process.hpp"

#include <cstdlib>
#include <unistd.h>

namespace oneshot::verify {

namespace {

// Folders a test's tools live in. /etc for the dynamic loader's and tools' configuration (its
// secrets are hidden below); /opt for toolchains installed there.
constexpr const char* kSystemDirs[] = {"/usr", "/etc", "/opt", "/nix", "/snap", "/var/lib/dpkg", "/var/cache/fontconfig"};
// Merged-/usr systems make these symlinks; older ones have real folders.
constexpr const char* kTopLinks[] = {"/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"};
// Readable by root (the owner) even without capabilities: replaced by /dev/null.
constexpr const char* kHiddenFiles[] = {"/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-", "/etc/sudoers",
                                        "/etc/ssh/ssh_host_rsa_key", "/etc/ssh/ssh_host_ecdsa_key", "/etc/ssh/ssh_host_ed25519_key"};
// Under $HOME: compilers, interpreters and package caches a test run reads. Never ~/.cargo as a
// whole (credentials.toml), never ~/.npmrc, ~/.pypirc, ~/.m2/settings.xml (registry tokens).
constexpr const char* kHomeToolchains[] = {".rustup", ".cargo/bin", ".cargo/registry", ".cargo/git", ".pyenv", ".m2/repository",
                                           ".gradle/caches", ".gradle/wrapper", "go/pkg/mod", ".nvm", ".local/lib", ".local/bin",
                                           ".cache/go-build"};

bool under(const std::string& path, const std::string& dir)
{
    return !dir.empty() && path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/';
}

} // namespace

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

std::string bubblewrap_failure(const std::filesystem::path& bwrap)
{
    ProcessSpec spec;
    spec.argv = {bwrap.string(), "--new-session", "--die-with-parent", "--unshare-all", "--cap-drop", "ALL",
                 "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "true"};
    spec.timeout_s = 20;
    spec.keep_tail_bytes = 2000;
    const auto result = run_process(spec);
    if (result.exit_code == 0) return {};
    std::string why = result.output;
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    return why.empty() ? "bwrap exited with " + std::to_string(result.exit_code.value_or(-1)) : why;
}

std::vector<std::string> toolchain_dirs(const std::string& home, const std::string& path_variable,
                                        const std::function<bool(const std::string&)>& exists)
{
    std::vector<std::string> dirs;
    const auto add = [&](const std::string& dir) {
        if (!under(dir, home) || !exists(dir)) return;
        for (const auto& known : dirs) {
            if (known == dir || under(dir, known)) return;
        }
        dirs.push_back(dir);
    };
    for (const char* relative : kHomeToolchains) add(home + "/" + relative);
    std::size_t start = 0;
    while (start <= path_variable.size()) {
        const std::size_t end = std::min(path_variable.find(':', start), path_variable.size());
        std::string entry = path_variable.substr(start, end - start);
        while (entry.size() > 1 && entry.back() == '/') entry.pop_back();
        add(entry);
        start = end + 1;
    }
    return dirs;
}

HostLayout host_layout()
{
    HostLayout host;
    std::error_code error;
    for (const char* dir : kSystemDirs) {
        if (std::filesystem::is_directory(dir, error)) host.system_dirs.emplace_back(dir);
    }
    for (const char* link : kTopLinks) {
        if (std::filesystem::is_symlink(link, error)) {
            host.symlinks.emplace_back(link, std::filesystem::read_symlink(link, error).string());
        } else if (std::filesystem::is_directory(link, error)) {
            host.system_dirs.emplace_back(link);
        }
    }
    for (const char* file : kHiddenFiles) {
        if (std::filesystem::exists(file, error)) host.hidden_files.emplace_back(file);
    }
    // systemd-resolved makes /etc/resolv.conf a link into /run, which the sandbox hides.
    const auto resolv = std::filesystem::canonical("/etc/resolv.conf", error);
    if (!error && under(resolv.string(), "/run")) host.network_files.push_back(resolv.string());
    const char* home = std::getenv("HOME");
    host.home = home && *home == '/' ? std::filesystem::path(home).lexically_normal().string() : std::string();
    while (host.home.size() > 1 && host.home.back() == '/') host.home.pop_back();
    const char* path = std::getenv("PATH");
    host.toolchains = toolchain_dirs(host.home, path ? path : "", [](const std::string& dir) {
        std::error_code ignored;
        return std::filesystem::is_directory(dir, ignored);
    });
    return host;
}

std::vector<std::string> sandbox_argv(const SandboxConfig& config, const HostLayout& host, const std::filesystem::path& worktree,
                                      const std::string& command)
{
    const std::string dir = worktree.string();
    std::vector<std::string> argv = {config.bwrap, "--new-session", "--die-with-parent", "--unshare-all"};
    if (config.network) argv.push_back("--share-net");
    argv.insert(argv.end(), {"--cap-drop", "ALL"});
    for (const auto& system : host.system_dirs) argv.insert(argv.end(), {"--ro-bind", system, system});
    for (const auto& [link, target] : host.symlinks) argv.insert(argv.end(), {"--symlink", target, link});
    for (const auto& file : host.hidden_files) argv.insert(argv.end(), {"--ro-bind", "/dev/null", file});
    argv.insert(argv.end(), {"--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--tmpfs", "/var/tmp", "--tmpfs", "/run"});
    if (config.network) {
        for (const auto& file : host.network_files) argv.insert(argv.end(), {"--ro-bind", file, file});
    }
    if (!host.home.empty() && host.home != "/") {
        argv.insert(argv.end(), {"--tmpfs", host.home});
        for (const auto& toolchain : host.toolchains) argv.insert(argv.end(), {"--ro-bind", toolchain, toolchain});
    }
    // Mounts apply in order: the git dir and the worktree come after the tmpfs folders, so a
    // worktree under /tmp or $HOME stays visible on top of them.
    const auto inside = [](const ReadOnlyMount& mount) { return !mount.target.empty() && mount.target[0] != '/'; };
    for (const auto& mount : config.read_only) {
        if (!inside(mount)) argv.insert(argv.end(), {"--ro-bind", mount.source, mount.target});
    }
    for (const auto& writable : config.writable) argv.insert(argv.end(), {"--bind", writable, writable});
    argv.insert(argv.end(), {"--bind", dir, dir});
    // Read-only binds inside the worktree (prepared dependencies) come after it, on top of it.
    for (const auto& mount : config.read_only) {
        if (inside(mount)) argv.insert(argv.end(), {"--ro-bind", mount.source, dir + "/" + mount.target});
    }
    argv.insert(argv.end(), {"--setenv", "TMPDIR", "/tmp", "--chdir", dir, "/bin/sh", "-c", command});
    return argv;
}

} // namespace oneshot::verify
