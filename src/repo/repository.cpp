#include "repo/repository.hpp"

namespace oneshot::repo {

Result<Repository> Repository::discover(const std::filesystem::path& start)
{
    ensure_libgit2();
    GitBuf found;
    if (git_repository_discover(&found.buf, start.c_str(), 0, nullptr) != 0) {
        return make_error(ErrorKind::usage, "not a git repository (or any parent up to /): " + start.string());
    }
    return open(found.str());
}

Result<Repository> Repository::open(const std::filesystem::path& path)
{
    ensure_libgit2();
    git_repository* raw = nullptr;
    if (git_repository_open(&raw, path.c_str()) != 0) {
        return make_error(ErrorKind::usage, "cannot open repository " + path.string() + ": " + last_git_error());
    }
    return Repository(GitRepository(raw));
}

std::filesystem::path Repository::git_dir() const
{
    return git_repository_commondir(repo_.get());
}

std::optional<std::filesystem::path> Repository::work_dir() const
{
    const char* dir = git_repository_workdir(repo_.get());
    if (!dir) return std::nullopt;
    return std::filesystem::path(dir);
}

Result<git_oid> Repository::resolve_commit(const std::string& revision) const
{
    git_object* raw = nullptr;
    if (git_revparse_single(&raw, repo_.get(), revision.c_str()) != 0) {
        return make_error(ErrorKind::usage, "unknown revision '" + revision + "': " + last_git_error());
    }
    GitObject object(raw);
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) != 0) {
        return make_error(ErrorKind::usage, "revision '" + revision + "' does not name a commit");
    }
    GitObject commit(peeled);
    return *git_object_id(commit.get());
}

Result<GitCommit> Repository::lookup_commit(const git_oid& id) const
{
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo_.get(), &id) != 0) {
        return make_error(ErrorKind::internal, "cannot read commit " + oid_hex(id) + ": " + last_git_error());
    }
    return GitCommit(raw);
}

Result<GitTree> Repository::commit_tree(const git_oid& commit_id) const
{
    auto commit = lookup_commit(commit_id);
    if (!commit) return commit.take_error();
    git_tree* raw = nullptr;
    if (git_commit_tree(&raw, commit->get()) != 0) {
        return make_error(ErrorKind::internal, "cannot read the tree of " + oid_hex(commit_id) + ": " + last_git_error());
    }
    return GitTree(raw);
}

std::optional<std::string> Repository::config_string(const std::string& key) const
{
    git_config* raw = nullptr;
    if (git_repository_config_snapshot(&raw, repo_.get()) != 0) return std::nullopt;
    GitConfig config(raw);
    const char* value = nullptr;
    if (git_config_get_string(&value, config.get(), key.c_str()) != 0 || !value) return std::nullopt;
    return std::string(value);
}

} // namespace oneshot::repo
