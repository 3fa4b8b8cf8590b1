#include "cli/settings.hpp"

#include "model/key_routing.hpp"
#include "model/profiles.hpp"

#include <charconv>

namespace oneshot::cli {

namespace {

std::optional<std::string> first_of(const std::optional<std::string>& flag, const Lookup& env, const std::string& env_key,
                                    const Lookup& config, const std::string& config_key)
{
    if (flag) return flag;
    if (auto value = env(env_key); value && !value->empty()) return value;
    if (auto value = config(config_key); value && !value->empty()) return value;
    return std::nullopt;
}

template <class T>
std::optional<T> parse_number(const std::string& text)
{
    T value{};
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end) return std::nullopt;
    return value;
}

// A whole number from the flag, the environment or git config, within [low, high]; nullopt when
// none is set.
Result<std::optional<int>> whole_setting(const std::optional<int>& flag, const Lookup& env, const std::string& env_key, const Lookup& config,
                                         const std::string& config_key, int low, int high)
{
    std::optional<int> value = flag;
    if (!value) {
        const auto text = first_of(std::nullopt, env, env_key, config, config_key);
        if (!text) return std::optional<int>();
        value = parse_number<int>(*text);
        if (!value) return make_error(ErrorKind::config, config_key + " (" + env_key + ") is not a whole number: " + *text);
    }
    if (*value < low || *value > high) {
        return make_error(ErrorKind::usage, config_key + " must be between " + std::to_string(low) + " and " + std::to_string(high) + ", not " +
                                                std::to_string(*value));
    }
    return value;
}

} // namespace

Result<Settings> resolve_settings(const FlagValues& flags, const Lookup& env, const Lookup& config)
{
    Settings settings;
    settings.model = first_of(flags.model, env, "ONESHOT_MODEL", config, "oneshot.model").value_or(kDefaultModel);
    settings.provider = first_of(flags.provider, env, "ONESHOT_PROVIDER", config, "oneshot.provider").value_or("");
    if (!settings.provider.empty() && settings.provider != "openai" && settings.provider != "openai-chat" &&
        settings.provider != "anthropic") {
        return make_error(ErrorKind::usage, "unknown provider '" + settings.provider + "' (openai, openai-chat or anthropic)");
    }

    // Base URL: flag, then the provider's SDK variable, then oneshot.baseUrl.
    const bool claude = settings.model.rfind("claude", 0) == 0;
    const bool anthropic = settings.provider == "anthropic" || (settings.provider.empty() && claude);
    settings.base_url = first_of(flags.base_url, env, anthropic ? "ANTHROPIC_BASE_URL" : "OPENAI_BASE_URL", config,
                                 "oneshot.baseUrl").value_or("");
    if (settings.provider.empty()) {
        settings.provider = std::string(model::provider_name(model::infer_provider(settings.model, settings.base_url)));
    }

    settings.effort = first_of(flags.effort, env, "ONESHOT_EFFORT", config, "oneshot.effort").value_or("medium");
    if (settings.effort != "low" && settings.effort != "medium" && settings.effort != "high") {
        return make_error(ErrorKind::usage, "effort must be low, medium or high, not '" + settings.effort + "'");
    }

    if (flags.budget) {
        settings.budget = flags.budget;
    } else if (auto text = first_of(std::nullopt, env, "ONESHOT_BUDGET", config, "oneshot.budget")) {
        settings.budget = parse_number<std::int64_t>(*text);
        if (!settings.budget) return make_error(ErrorKind::config, "oneshot.budget is not a whole number: " + *text);
    }
    if (settings.budget && *settings.budget < 1000) {
        return make_error(ErrorKind::usage, "the token budget must be at least 1000, not " + std::to_string(*settings.budget));
    }

    settings.test_command = first_of(flags.test_command, env, "ONESHOT_TEST_COMMAND", config, "oneshot.testCommand").value_or("");
    if (flags.test_timeout) {
        settings.test_timeout_s = *flags.test_timeout;
    } else if (auto text = first_of(std::nullopt, env, "ONESHOT_TEST_TIMEOUT", config, "oneshot.testTimeout")) {
        auto seconds = parse_number<double>(*text);
        if (!seconds) return make_error(ErrorKind::config, "oneshot.testTimeout is not a number of seconds: " + *text);
        settings.test_timeout_s = *seconds;
    }
    if (settings.test_timeout_s <= 0) return make_error(ErrorKind::usage, "the test timeout must be positive");

    if (auto attempts = whole_setting(flags.attempts, env, "ONESHOT_ATTEMPTS", config, "oneshot.attempts", 1, kMaxAttempts); !attempts) {
        return attempts.take_error();
    } else if (*attempts) {
        settings.attempts = **attempts;
    }
    if (auto retries = whole_setting(flags.test_retries, env, "ONESHOT_TEST_RETRIES", config, "oneshot.testRetries", 0, kMaxTestRetries); !retries) {
        return retries.take_error();
    } else if (*retries) {
        settings.test_retries = **retries;
    }

    settings.branch_prefix = first_of(flags.branch_prefix, env, "ONESHOT_BRANCH_PREFIX", config, "oneshot.branchPrefix").value_or("oneshot/");
    settings.answer_format = first_of(flags.answer_format, env, "ONESHOT_ANSWER_FORMAT", config, "oneshot.answerFormat").value_or("");
    if (!settings.answer_format.empty() && settings.answer_format != "json" && settings.answer_format != "text") {
        return make_error(ErrorKind::usage, "answer format must be json or text, not '" + settings.answer_format + "'");
    }

    if (auto allow = first_of(std::nullopt, env, "ONESHOT_ALLOW_DEPENDENCY_CHANGES", config, "oneshot.allowDependencyChanges")) {
        if (*allow == "true" || *allow == "1" || *allow == "yes") settings.allow_dependency_changes = true;
        else if (*allow != "false" && *allow != "0" && *allow != "no") return make_error(ErrorKind::config, "oneshot.allowDependencyChanges is not a boolean: " + *allow);
    }
    settings.test_env = first_of(std::nullopt, env, "ONESHOT_TEST_ENV", config, "oneshot.testEnv").value_or("");

    // API keys only ever come from the environment, and only the one meant for base_url's host.
    // A key problem is kept, not returned: apply and context never send a request.
    const std::string key_variable = config("oneshot.apiKeyEnv").value_or("");
    const auto provider = model::parse_provider(settings.provider).value_or(model::Provider::openai_chat);
    if (auto key = model::choose_api_key(provider, settings.base_url, env, key_variable)) settings.api_key = std::move(key->key);
    else settings.api_key_error = key.take_error();
    return settings;
}

} // namespace oneshot::cli
