// Branch names for new work: `<prefix><slug of the task>`, made unique, created last and atomically.
#pragma once

#include "core/error.hpp"
#include "repo/repository.hpp"

#include <functional>
#include <string>

namespace oneshot::repo {

// A short, ref-safe slug of a task: lower-case words joined by '-', at most max_length characters,
// cut at a word boundary. Never empty ("change" when the task has no usable characters).
std::string task_slug(const std::string& task, std::size_t max_length = 48);

// `wanted` if no branch of that name exists, else wanted-2, wanted-3, ...
std::string unique_branch_name(const std::string& wanted, const std::function<bool(const std::string&)>& exists);

bool branch_exists(const Repository& repository, const std::string& name);
bool valid_branch_name(const std::string& name);

// Creates refs/heads/<name> at the commit; fails (never overwrites) if it exists.
Status create_branch(const Repository& repository, const std::string& name, const git_oid& commit);

// Deletes refs/heads/<name> if it points at `commit` (so a branch someone else moved is kept).
void delete_branch_if_at(const Repository& repository, const std::string& name, const git_oid& commit);

} // namespace oneshot::repo
