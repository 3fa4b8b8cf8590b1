#include "verify/dependency_cache.hpp"

#include "core/interrupt.hpp"
#include "repo/git_base_files.hpp"
#include "verify/process.hpp"
#include "verify/worktree.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <sys/file.h>
#include <unistd.h>

namespace oneshot::verify {

namespace {

// The cache's size limit. 4 GiB holds a few dozen node_modules of ordinary projects (express's is
// about 20 MB, large front-end projects 0.5-1 GB); older entries go first.
constexpr std::uintmax_t kMaxCacheBytes = 4ull << 30;
constexpr const char* kReady = ".ready";
// A failed install is remembered this long per key, so that every run of a batch (and every
// repair round) does not pay for it again; long enough for a batch, short enough for a network
// outage to pass.
constexpr auto kFailureMemory = std::chrono::hours(1);
// How much of a failed install's output the report keeps (whole lines, the last ones).
constexpr std::size_t kFailureTailBytes = 400;

std::string last_lines(const std::string& text, std::size_t bytes)
{
    if (text.size() <= bytes) return text;
    std::string tail = text.substr(text.size() - bytes);
    const auto newline = tail.find('\n');
    return newline == std::string::npos ? tail : tail.substr(newline + 1);
}

std::optional<std::string> remembered_failure(const std::filesystem::path& file)
{
    std::error_code error;
    const auto written = std::filesystem::last_write_time(file, error);
    if (error || std::filesystem::file_time_type::clock::now() - written > kFailureMemory) return std::nullopt;
    std::ifstream in(file);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// An flock(2) held on a file; released when the last shared_ptr copy goes.
class FileLock {
public:
    FileLock(const std::filesystem::path& file, int operation) : fd_(::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644))
    {
        locked_ = fd_ >= 0 && ::flock(fd_, operation) == 0;
    }
    ~FileLock()
    {
        if (fd_ >= 0) ::close(fd_);
    }
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;
    bool locked() const { return locked_; }
    bool relock(int operation) { return locked_ = ::flock(fd_, operation) == 0; }

private:
    int fd_;
    bool locked_ = false;
};

std::filesystem::path cache_root(const repo::Repository& repository)
{
    return repository.git_dir() / "oneshot" / "deps";
}

ReadRootFile reader_at(const repo::Repository& repository, const git_oid& commit, std::optional<repo::GitBaseFiles>& files)
{
    auto tree = repository.commit_tree(commit);
    if (tree) files.emplace(repository, std::move(tree.value()));
    return [&files](const std::string& name) -> std::optional<std::string> {
        if (!files) return std::nullopt;
        auto entry = files->lookup(name);
        if (!entry || (entry->kind != patch::EntryKind::regular && entry->kind != patch::EntryKind::executable)) return std::nullopt;
        auto bytes = files->read(name);
        return bytes ? std::optional<std::string>(std::move(bytes.value())) : std::nullopt;
    };
}

std::uintmax_t size_of(const std::filesystem::path& dir)
{
    std::uintmax_t total = 0;
    std::error_code error;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, error); !error && it != std::filesystem::recursive_directory_iterator();
         it.increment(error)) {
        if (it->is_regular_file(error) && !it->is_symlink(error)) total += it->file_size(error);
    }
    return total;
}

// Least recently used entries go until the cache fits; an entry in use (its lock held) stays.
void clean_by_size(const std::filesystem::path& root, const std::string& keep)
{
    struct Entry {
        std::filesystem::path dir;
        std::filesystem::file_time_type used;
        std::uintmax_t bytes;
    };
    std::vector<Entry> entries;
    std::uintmax_t total = 0;
    std::error_code error;
    for (const auto& item : std::filesystem::directory_iterator(root, error)) {
        if (!item.is_directory(error)) continue;
        const auto used = std::filesystem::last_write_time(item.path() / kReady, error);
        Entry entry{item.path(), error ? std::filesystem::file_time_type::min() : used, size_of(item.path())};
        total += entry.bytes;
        if (item.path().filename() != keep) entries.push_back(std::move(entry));
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.used < b.used; });
    for (const auto& entry : entries) {
        if (total <= kMaxCacheBytes) break;
        FileLock lock(entry.dir.string() + ".lock", LOCK_EX | LOCK_NB);
        if (!lock.locked()) continue;
        std::filesystem::remove_all(entry.dir, error);
        total -= std::min(total, entry.bytes);
    }
}

// The user's own Python environment: an active VIRTUAL_ENV, or a .venv at the top of the work tree.
std::optional<std::filesystem::path> user_venv(const repo::Repository& repository)
{
    std::error_code error;
    if (const char* active = std::getenv("VIRTUAL_ENV"); active && *active == '/' && std::filesystem::exists(std::filesystem::path(active) / "bin" / "python", error)) {
        return std::filesystem::path(active);
    }
    if (auto work = repository.work_dir()) {
        const auto venv = *work / ".venv";
        if (std::filesystem::exists(venv / "bin" / "python", error)) return std::filesystem::weakly_canonical(venv, error);
    }
    return std::nullopt;
}

// Runs the install in a fresh worktree of the revision, with the network, in the secret-free
// sandbox; the tree folders it leaves are moved into the entry. Returns an empty string or why not.
std::string install_into(const repo::Repository& repository, const git_oid& commit, const PreparedDependencies& prepared,
                         const SandboxConfig& sandbox, double timeout_s)
{
    auto worktree = TemporaryWorktree::create(repository, commit);
    if (!worktree) return worktree.error().message;
    const auto dir = worktree.value()->path();
    const std::string entry = prepared.dir.string();
    SandboxConfig install = sandbox;
    install.network = true;
    install.writable.push_back(entry);
    const std::string git_dir = repository.git_dir().lexically_normal().string();
    install.read_only.push_back({git_dir, git_dir});
    for (const auto& [key, value] : prepared.plan.env) {
        install.env_set.emplace_back(key, expand_cache(value, entry));
        // A cache folder the install may leave uncreated (nothing to fetch) must still exist
        // for the read-only tests, which could not create it.
        std::error_code ignored;
        if (value.rfind("{cache}/", 0) == 0) std::filesystem::create_directories(expand_cache(value, entry), ignored);
    }
    ProcessSpec spec;
    spec.command = expand_cache(prepared.plan.install, entry);
    spec.cwd = dir;
    spec.timeout_s = timeout_s;
    spec.env = install.env_set;
    spec.env_policy = install.env;
    spec.keep_tail_bytes = 4000;
    if (install.enabled()) spec.argv = sandbox_argv(install, host_layout(), dir, spec.command);
    const auto result = run_process(spec);
    if (result.interrupted) return "interrupted";
    if (result.timed_out) return "`" + prepared.plan.install + "` timed out";
    if (result.exit_code != 0) {
        return "`" + prepared.plan.install + "` failed: " + redact(last_lines(result.output, kFailureTailBytes), secret_values(current_environment(), sandbox.env));
    }
    for (const auto& tree_dir : prepared.plan.tree_dirs) {
        std::error_code error;
        if (!std::filesystem::exists(dir / tree_dir, error)) continue;
        std::filesystem::rename(dir / tree_dir, prepared.dir / tree_dir, error);
        if (error) {   // another file system (a tmpfs /tmp): copy instead
            error.clear();
            std::filesystem::copy(dir / tree_dir, prepared.dir / tree_dir,
                                  std::filesystem::copy_options::recursive | std::filesystem::copy_options::copy_symlinks, error);
        }
        if (error) return "cannot move " + tree_dir + " into the cache: " + error.message();
    }
    return {};
}

} // namespace

Result<std::optional<std::string>> dependency_key_at(const repo::Repository& repository, const git_oid& commit)
{
    std::optional<repo::GitBaseFiles> files;
    const auto read = reader_at(repository, commit, files);
    if (!files) return make_error(ErrorKind::internal, "cannot read the tree of " + repo::oid_hex(commit));
    auto plan = plan_dependencies(read);
    if (!plan) return std::optional<std::string>();
    return std::optional<std::string>(dependency_key(*plan, read));
}

Result<std::optional<PreparedDependencies>> prepare_dependencies(const repo::Repository& repository, const git_oid& commit,
                                                                 const SandboxConfig& sandbox, double timeout_s,
                                                                 const std::string& explicit_command)
{
    std::optional<repo::GitBaseFiles> files;
    const auto read = reader_at(repository, commit, files);
    if (!files) return make_error(ErrorKind::internal, "cannot read the tree of " + repo::oid_hex(commit));
    auto plan = plan_dependencies(read);
    if (!plan || !plan_serves(*plan, explicit_command)) return std::optional<PreparedDependencies>();
    PreparedDependencies prepared;
    prepared.plan = *plan;
    prepared.key = dependency_key(*plan, read);
    prepared.report.ecosystem = plan->ecosystem;
    if (plan->ecosystem == "python") {
        if (auto venv = user_venv(repository)) {
            prepared.dir = *venv;
            prepared.plan.install.clear();
            prepared.plan.path_prepend = {venv->string() + "/bin"};
            prepared.plan.offline_env = {{"VIRTUAL_ENV", venv->string()}, {"PIP_NO_INDEX", "1"}};
            prepared.report.state = DependencyState::user_environment;
            prepared.report.message = "the project's own environment " + venv->string() + ", read-only";
            return std::optional<PreparedDependencies>(std::move(prepared));
        }
    }
    if (plan->install.empty()) return std::optional<PreparedDependencies>();
    const auto root = cache_root(repository);
    std::error_code error;
    std::filesystem::create_directories(root, error);
    prepared.dir = root / prepared.key;
    const auto lock_file = root / (prepared.key + ".lock");
    auto lock = std::make_shared<FileLock>(lock_file, LOCK_SH);
    if (!lock->locked()) return make_error(ErrorKind::internal, "cannot lock " + lock_file.string());
    if (std::filesystem::exists(prepared.dir / kReady, error)) {
        std::filesystem::last_write_time(prepared.dir / kReady, std::filesystem::file_time_type::clock::now(), error);
        prepared.report.state = DependencyState::reused;
        prepared.lock = lock;
        return std::optional<PreparedDependencies>(std::move(prepared));
    }
    const auto failure_file = root / (prepared.key + ".failed");
    if (auto failed = remembered_failure(failure_file)) {
        prepared.report.state = DependencyState::not_installed;
        prepared.report.message = *failed + " (remembered from an earlier run)";
        prepared.dir.clear();
        return std::optional<PreparedDependencies>(std::move(prepared));
    }
    // Made by one run at a time: the others wait here, then reuse what it made.
    if (!lock->relock(LOCK_EX)) return make_error(ErrorKind::internal, "cannot lock " + lock_file.string());
    const auto start = std::chrono::steady_clock::now();
    std::string failure;
    if (!std::filesystem::exists(prepared.dir / kReady, error)) {
        std::filesystem::remove_all(prepared.dir, error);   // a half-made entry of a killed run
        std::filesystem::create_directories(prepared.dir, error);
        failure = install_into(repository, commit, prepared, sandbox, timeout_s);
        if (failure.empty()) {
            std::ofstream(prepared.dir / kReady) << prepared.plan.install << '\n';
            prepared.report.state = DependencyState::prepared;
        } else {
            std::filesystem::remove_all(prepared.dir, error);
            if (failure != "interrupted") std::ofstream(failure_file) << failure;
        }
    } else {
        prepared.report.state = DependencyState::reused;
    }
    prepared.report.prepare_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    lock->relock(LOCK_SH);
    if (interrupt_requested()) return make_error(ErrorKind::interrupted, "interrupted while preparing the test dependencies");
    if (!failure.empty()) {
        prepared.report.state = DependencyState::not_installed;
        prepared.report.message = failure;
        prepared.dir.clear();
        return std::optional<PreparedDependencies>(std::move(prepared));
    }
    prepared.lock = lock;
    if (prepared.report.state == DependencyState::prepared) clean_by_size(root, prepared.key);
    return std::optional<PreparedDependencies>(std::move(prepared));
}

void use_dependencies(const PreparedDependencies& prepared, SandboxConfig& sandbox, TestCommand& command)
{
    if (prepared.dir.empty()) return;   // not installed: the command keeps its own install step
    const std::string entry = prepared.dir.string();
    command.command = without_install(command.command, prepared.plan);
    for (const auto& tree_dir : prepared.plan.tree_dirs) {
        std::error_code error;
        if (std::filesystem::exists(prepared.dir / tree_dir, error)) sandbox.read_only.push_back({(prepared.dir / tree_dir).string(), tree_dir});
    }
    if (prepared.plan.tree_dirs.empty()) sandbox.read_only.push_back({entry, entry});
    for (const auto& [key, value] : prepared.plan.env) sandbox.env_set.emplace_back(key, expand_cache(value, entry));
    for (const auto& [key, value] : prepared.plan.offline_env) sandbox.env_set.emplace_back(key, expand_cache(value, entry));
    if (!prepared.plan.path_prepend.empty()) {
        std::string path;
        for (const auto& dir : prepared.plan.path_prepend) path += expand_cache(dir, entry) + ":";
        const char* current = std::getenv("PATH");
        sandbox.env_set.emplace_back("PATH", path + (current ? current : "/usr/bin:/bin"));
    }
}

} // namespace oneshot::verify
