#include "repo/branch.hpp"

#include <cctype>

namespace oneshot::repo {

std::string task_slug(const std::string& task, std::size_t max_length)
{
    std::string slug;
    bool pending_dash = false;
    for (unsigned char c : task) {
        if (std::isalnum(c) && c < 0x80) {
            if (pending_dash && !slug.empty()) slug += '-';
            pending_dash = false;
            slug += static_cast<char>(std::tolower(c));
        } else {
            pending_dash = true;
        }
        if (slug.size() > max_length) break;
    }
    if (slug.size() > max_length) {
        const auto cut = slug.rfind('-', max_length);
        slug.resize(cut != std::string::npos && cut > max_length / 2 ? cut : max_length);
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug.empty() ? "change" : slug;
}

std::string unique_branch_name(const std::string& wanted, const std::function<bool(const std::string&)>& exists)
{
    if (!exists(wanted)) return wanted;
    for (int n = 2;; ++n) {
        std::string candidate = wanted + "-" + std::to_string(n);
        if (!exists(candidate)) return candidate;
    }
}

bool branch_exists(const Repository& repository, const std::string& name)
{
    git_reference* raw = nullptr;
    if (git_branch_lookup(&raw, repository.get(), name.c_str(), GIT_BRANCH_LOCAL) != 0) return false;
    GitReference ref(raw);
    return true;
}

bool valid_branch_name(const std::string& name)
{
    ensure_libgit2();
    int valid = 0;
    return git_branch_name_is_valid(&valid, name.c_str()) == 0 && valid;
}

Status create_branch(const Repository& repository, const std::string& name, const git_oid& commit_id)
{
    auto commit = repository.lookup_commit(commit_id);
    if (!commit) return commit.take_error();
    git_reference* raw = nullptr;
    if (git_branch_create(&raw, repository.get(), name.c_str(), commit->get(), 0) != 0) {
        return make_error(ErrorKind::usage, "cannot create branch '" + name + "': " + last_git_error());
    }
    GitReference ref(raw);
    return Ok{};
}

void delete_branch_if_at(const Repository& repository, const std::string& name, const git_oid& commit)
{
    git_reference* raw = nullptr;
    if (git_branch_lookup(&raw, repository.get(), name.c_str(), GIT_BRANCH_LOCAL) != 0) return;
    GitReference ref(raw);
    const git_oid* target = git_reference_target(ref.get());
    if (target && git_oid_equal(target, &commit)) git_branch_delete(ref.get());
}

} // namespace oneshot::repo
