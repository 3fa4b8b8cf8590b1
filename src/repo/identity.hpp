// Who a new commit is by, chosen the way git chooses: GIT_AUTHOR_* / GIT_COMMITTER_* environment
// first, then author.* / committer.* / user.* configuration, then EMAIL. libgit2 alone only reads
// user.name/user.email, so commits made by this tool would otherwise differ from `git commit`'s.
#pragma once

#include "core/error.hpp"
#include "repo/repository.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace oneshot::repo {

struct Identity {
    std::string name;
    std::string email;
    std::int64_t time = 0;      // Unix seconds
    int offset_minutes = 0;     // from UTC
};

enum class Role { author, committer };

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
using ConfigLookup = std::function<std::optional<std::string>(const std::string&)>;

// Pure: decides from the given lookups; `now` is used when no date is set.
Result<Identity> choose_identity(Role role, const EnvLookup& env, const ConfigLookup& config, std::int64_t now, int now_offset);

// A git date as GIT_AUTHOR_DATE accepts it: "@1700000000 +0100", "1700000000 +0100",
// ISO 8601 "2024-05-01T12:00:00+02:00" / "2024-05-01 12:00:00 +0200", RFC 2822 "Wed, 1 May 2024 12:00:00 +0200".
std::optional<std::pair<std::int64_t, int>> parse_git_date(const std::string& text);

// The identity for a role in this process and repository.
Result<Identity> identity_for(Role role, const Repository& repository);

Result<GitSignature> to_signature(const Identity& identity);

} // namespace oneshot::repo
