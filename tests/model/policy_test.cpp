// Pure policies of the model layer: retry classification and delays, provider inference,
// profiles and cost, progress text.
#include "model/profiles.hpp"
#include "model/progress.hpp"
#include "model/retry.hpp"

#include <catch2/catch.hpp>

using namespace oneshot;
using namespace oneshot::model;

TEST_CASE("HTTP failures: what is retried and how long to wait", "[model]")
{
    for (long status : {408L, 409L, 429L, 500L, 502L, 503L, 504L, 529L})
        CHECK(classify_http_error(Provider::openai_responses, status, {}, "{}").retryable);
    for (long status : {400L, 401L, 403L, 404L, 413L, 422L})
        CHECK_FALSE(classify_http_error(Provider::openai_responses, status, {}, "{}").retryable);
    CHECK_FALSE(classify_http_error(Provider::anthropic, 429, {},
                                    R"({"type":"error","error":{"type":"rate_limit_error","message":"cap","details":{"error_code":"enforced_spend_limit_reached"}}})")
                    .retryable);
    CHECK_FALSE(classify_http_error(Provider::openai_chat, 503, {{"x-should-retry", "false"}}, "").retryable);
    CHECK(classify_http_error(Provider::openai_chat, 400, {{"x-should-retry", "true"}}, "").retryable);
    CHECK_FALSE(classify_http_error(Provider::openai_chat, 429, {{"retry-after", "600"}}, "").retryable);

    CHECK(parse_retry_after({{"retry-after-ms", "250"}, {"retry-after", "9"}}) == Approx(0.25));
    CHECK(parse_retry_after({{"retry-after", "1.5"}}) == Approx(1.5));
    CHECK_FALSE(parse_retry_after({{"retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"}}).has_value());

    CHECK(retry_delay_s(0, 2.0, 0.5) == Approx(2.0));
    CHECK(retry_delay_s(0, std::nullopt, 0.0) == Approx(0.5));
    CHECK(retry_delay_s(0, std::nullopt, 1.0) == Approx(0.375));
    CHECK(retry_delay_s(2, std::nullopt, 0.0) == Approx(2.0));
    CHECK(retry_delay_s(10, std::nullopt, 0.0) == Approx(8.0));
    CHECK(retry_delay_s(1, 90.0, 0.0) == Approx(1.0));   // a hint above 60 s is not trusted

    const auto failure = classify_http_error(Provider::anthropic, 529, {{"request-id", "req_9"}},
                                             R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})");
    CHECK(failure.error.kind == ErrorKind::model);
    CHECK(failure.error.message == "anthropic answered HTTP 529 (overloaded_error): Overloaded [request id req_9]");
}

TEST_CASE("provider inference from model name and base URL", "[model]")
{
    CHECK(infer_provider("o3", "") == Provider::openai_responses);
    CHECK(infer_provider("gpt-5-mini", "https://api.openai.com/v1") == Provider::openai_responses);
    CHECK(infer_provider("claude-sonnet-4-5", "") == Provider::anthropic);
    CHECK(infer_provider("anything", "https://api.anthropic.com") == Provider::anthropic);
    CHECK(infer_provider("llama3.1", "") == Provider::openai_chat);
    CHECK(infer_provider("o3", "http://localhost:11434/v1") == Provider::openai_chat);
    CHECK(infer_provider("deepseek-reasoner", "https://api.deepseek.com") == Provider::openai_chat);
    CHECK(infer_provider("anthropic/claude-sonnet-4-5", "https://openrouter.ai/api/v1") == Provider::openai_chat);
    CHECK(parse_provider("openai-chat") == Provider::openai_chat);
    CHECK_FALSE(parse_provider("azure").has_value());
}

TEST_CASE("model profiles: longest prefix wins, unknown models get conservative defaults", "[model]")
{
    CHECK(profile_for("o3-mini-2025-01-31").family == "o3-mini");
    CHECK(profile_for("o3").family == "o3");
    CHECK(profile_for("openai/gpt-5-mini").family == "gpt-5-mini");
    CHECK(profile_for("claude-opus-4-20250514").thinking == ThinkingStyle::budget);
    CHECK(profile_for("claude-opus-4-7").thinking == ThinkingStyle::adaptive);
    const ModelProfile& unknown = profile_for("my-local-model");
    CHECK(unknown.family.empty());
    CHECK_FALSE(unknown.supports_effort);
    CHECK(unknown.default_answer_format == "text");
    CHECK(unknown.price_input == 0);
    CHECK(profile_for("gpt-5").context_window == 400000);

    ProfileOverrides overrides;
    overrides.context_window = 32768;
    overrides.price_output = 1.0;
    const ModelProfile custom = apply_overrides(profile_for("o3"), overrides);
    CHECK(custom.context_window == 32768);
    CHECK(custom.price_output == 1.0);
    CHECK(custom.price_input == profile_for("o3").price_input);
}

TEST_CASE("cost prices uncached input, cache reads, cache writes and output apart", "[model]")
{
    ModelProfile profile;
    profile.price_input = 3.0;
    profile.price_cached = 0.3;
    profile.price_cache_write = 3.75;
    profile.price_output = 15.0;
    Usage usage;
    usage.input_tokens = 1'000'000;   // 600k cache reads + 100k cache writes + 300k uncached
    usage.cached_tokens = 600'000;
    usage.cache_write_tokens = 100'000;
    usage.output_tokens = 200'000;
    usage.reasoning_tokens = 150'000;   // part of output, not billed twice
    CHECK(cost_usd(profile, usage) == Approx(0.9 + 0.18 + 0.375 + 3.0));
}

TEST_CASE("progress text shows model, phase, elapsed time and tokens", "[model]")
{
    CHECK(format_progress("o3", Phase::thinking, 42.7, 0) == "o3: thinking, 42 s");
    CHECK(format_progress("o3", Phase::writing, 125, 1200) == "o3: writing, 2 min 5 s, ~1200 tokens");
    CHECK(format_progress("", Phase::waiting, 0, 0) == "model: waiting, 0 s");
}
