// The environment every child process we start receives (tests, baselines, dependency installs,
// the sandbox itself): the tool's own environment minus provider keys and anything that looks like
// a secret, adjustable by the user (oneshot.testEnv). Also the redaction of those secrets' values
// from text we print, record or send. Pure: environments are lists of "NAME=value" strings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace oneshot::verify {

// oneshot.testEnv / ONESHOT_TEST_ENV: words separated by spaces or commas, "+PATTERN" keeps a
// variable that looks secret, "-PATTERN" (or a bare PATTERN) drops one that does not. Patterns are
// names with '*' wildcards, compared case-insensitively. An allow beats a deny beats the defaults.
struct EnvPolicy {
    std::vector<std::string> allow;
    std::vector<std::string> deny;
};

EnvPolicy parse_env_policy(std::string_view text);

// The default rule, by name: provider keys, *_API_KEY, *_TOKEN, *SECRET*, *PASSWORD*, AWS_*,
// SSH_AUTH_SOCK, ... (child_env.cpp lists them with the reason for each).
bool looks_secret(std::string_view name);

// Whether a variable of that name reaches child processes under the policy.
bool passes(std::string_view name, const EnvPolicy& policy);

// The kept entries, in their order; entries without '=' are dropped.
std::vector<std::string> scrub_environment(const std::vector<std::string>& entries, const EnvPolicy& policy);

// The values of the dropped entries that are long enough to be recognised in text (short values
// such as "1" would redact half of every output).
std::vector<std::string> secret_values(const std::vector<std::string>& entries, const EnvPolicy& policy);

// Every occurrence of each secret replaced by "[REDACTED]".
std::string redact(std::string text, const std::vector<std::string>& secrets);

// This process's environment (environ), as entries.
std::vector<std::string> current_environment();

} // namespace oneshot::verify
