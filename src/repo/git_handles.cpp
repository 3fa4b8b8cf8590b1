#include "repo/git_handles.hpp"

namespace oneshot::repo {

namespace {

struct Libgit2Lifetime {
    Libgit2Lifetime()
    {
        git_libgit2_init();
        // Trees stay parsed in the repository's object cache whatever their size: the default
        // (4 KiB) left out every large directory (a kernel's root, include/linux, drivers/...), so
        // each path lookup below one of them inflated and re-parsed it again.
        git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, std::size_t{1} << 20);
        // Reads are not re-hashed (git itself does not re-hash on read either): every object is
        // already checked by zlib's checksum when it is inflated, and re-hashing each blob and
        // tree read cost a tenth of a 50-file apply and 11% of a kernel-size cold context run.
        git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
        // Objects, refs and the index reach the disk before libgit2 reports success (git's own
        // core.fsync): a branch that survives a crash must not point at a lost object.
        git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
    }
    ~Libgit2Lifetime() { git_libgit2_shutdown(); }
};

} // namespace

void ensure_libgit2()
{
    static Libgit2Lifetime lifetime;
}

std::string last_git_error()
{
    const git_error* error = git_error_last();
    return error && error->message ? std::string(error->message) : std::string("unknown libgit2 error");
}

std::string oid_hex(const git_oid& oid)
{
    char text[GIT_OID_HEXSZ + 1];
    git_oid_tostr(text, sizeof text, &oid);
    return text;
}

} // namespace oneshot::repo
