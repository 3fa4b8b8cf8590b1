#include "repo/git_handles.hpp"

namespace oneshot::repo {

namespace {

struct Libgit2Lifetime {
    Libgit2Lifetime() { git_libgit2_init(); }
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
