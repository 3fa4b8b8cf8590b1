// Settings precedence for the repair rounds and the flakiness re-runs: flag, environment, git config.
#include "cli/settings.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace oneshot;
using namespace oneshot::cli;

namespace {

Lookup from(std::map<std::string, std::string> values)
{
    return [values](const std::string& key) -> std::optional<std::string> {
        const auto it = values.find(key);
        return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
}

} // namespace

TEST_CASE("settings: one repair round and two flakiness re-runs by default", "[cli]")
{
    auto settings = resolve_settings({}, from({}), from({}));
    REQUIRE(settings);
    CHECK(settings->attempts == 2);
    CHECK(settings->test_retries == 2);
}

TEST_CASE("settings: attempts and test retries from flag, then environment, then git config", "[cli]")
{
    FlagValues flags;
    auto from_config = resolve_settings(flags, from({}), from({{"oneshot.attempts", "3"}, {"oneshot.testRetries", "0"}}));
    REQUIRE(from_config);
    CHECK(from_config->attempts == 3);
    CHECK(from_config->test_retries == 0);
    auto from_env = resolve_settings(flags, from({{"ONESHOT_ATTEMPTS", "1"}, {"ONESHOT_TEST_RETRIES", "4"}}),
                                     from({{"oneshot.attempts", "3"}, {"oneshot.testRetries", "0"}}));
    REQUIRE(from_env);
    CHECK(from_env->attempts == 1);
    CHECK(from_env->test_retries == 4);
    flags.attempts = 5;
    flags.test_retries = 1;
    auto from_flag = resolve_settings(flags, from({{"ONESHOT_ATTEMPTS", "1"}}), from({}));
    REQUIRE(from_flag);
    CHECK(from_flag->attempts == 5);
    CHECK(from_flag->test_retries == 1);
}

TEST_CASE("settings: attempts must be a whole number in range", "[cli]")
{
    auto words = resolve_settings({}, from({}), from({{"oneshot.attempts", "two"}}));
    REQUIRE_FALSE(words);
    CHECK(words.error().kind == ErrorKind::config);
    CHECK(words.error().message.find("oneshot.attempts") != std::string::npos);
    auto zero = resolve_settings({}, from({{"ONESHOT_ATTEMPTS", "0"}}), from({}));
    REQUIRE_FALSE(zero);
    CHECK(zero.error().kind == ErrorKind::usage);
    auto negative = resolve_settings({}, from({}), from({{"oneshot.testRetries", "-1"}}));
    REQUIRE_FALSE(negative);
}
