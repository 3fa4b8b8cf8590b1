// Settings: command-line flag, then environment, then git config (design.md, fixed). Pure: the
// environment and configuration come in as lookups, so precedence is testable without a process.
#pragma once

#include "core/error.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace oneshot::cli {

using Lookup = std::function<std::optional<std::string>(const std::string&)>;

// What the command line said; unset means "not given".
struct FlagValues {
    std::optional<std::string> model, provider, base_url, effort, test_command, branch_prefix, answer_format;
    std::optional<std::int64_t> budget;
    std::optional<double> test_timeout;
    std::optional<int> attempts, test_retries;
};

struct Settings {
    std::string model;
    std::string provider;        // given, or inferred from model and base URL (model::infer_provider)
    std::string base_url;        // may be empty: the provider's default
    std::string effort = "medium";
    std::optional<std::int64_t> budget;   // unset: from the model's context window
    std::string test_command;    // empty: detect
    double test_timeout_s = 1800;
    std::string branch_prefix = "oneshot/";
    std::string answer_format;   // empty: the model's default
    std::string api_key;         // from the environment only, chosen for base_url (model/key_routing.hpp)
    std::optional<Error> api_key_error;   // no key may go to base_url; matters only once a model is asked
    bool allow_dependency_changes = false;   // oneshot.allowDependencyChanges
    std::string test_env;        // oneshot.testEnv: "+NAME" keeps, "-NAME" drops variables for tests (verify/child_env.hpp)
    // Model rounds per task: the first answer, then repair rounds while it fails to apply or
    // breaks tests. One repair round by default: it fixed most broken first answers (issue 18),
    // and a passing first answer costs nothing extra.
    int attempts = 2;
    // Re-runs that tell flaky tests from broken ones (verify/flakiness.hpp).
    int test_retries = 2;
};

constexpr const char* kDefaultModel = "gpt-5";
constexpr int kMaxAttempts = 10;
constexpr int kMaxTestRetries = 10;

// Each setting: flag, then environment (ONESHOT_MODEL, ...; OPENAI_BASE_URL / ANTHROPIC_BASE_URL
// for the base URL), then git config (oneshot.model, ...). Errors are ErrorKind::config or usage.
Result<Settings> resolve_settings(const FlagValues& flags, const Lookup& env, const Lookup& git_config);

} // namespace oneshot::cli
