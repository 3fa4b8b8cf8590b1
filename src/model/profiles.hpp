// What git-oneshot knows about each model family: limits, which request fields it accepts, and
// prices. Model names and prices change often: this is a snapshot (late 2026 list prices, USD per
// million tokens) that the CLI can override from git config; unknown models get conservative
// defaults that every server accepts (no effort field, no schema, the text answer format).
#pragma once

#include "model/types.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace oneshot::model {

enum class Provider { openai_responses, openai_chat, anthropic };

// How instructions reach a Chat Completions model.
enum class InstructionRole { developer, system, user_prefix };

// How an Anthropic model is asked to think.
enum class ThinkingStyle { none, budget, adaptive };

struct ModelProfile {
    std::string family;                         // the table entry that matched ("" for unknown)
    std::int64_t context_window = 128000;       // tokens, input + output
    std::int64_t max_output_tokens = 16384;     // the largest cap the model accepts
    std::int64_t default_output_tokens = 16384; // the cap sent when the user sets none
    bool supports_effort = false;               // OpenAI reasoning_effort / reasoning.effort
    ThinkingStyle thinking = ThinkingStyle::none;   // Anthropic
    InstructionRole chat_role = InstructionRole::system;
    bool chat_max_completion_tokens = false;    // OpenAI models: max_completion_tokens, else max_tokens
    bool strict_schema = false;                 // accepts a strict JSON Schema for the answer
    std::string default_answer_format = "text"; // "json" where strict_schema is reliable
    double price_input = 0;                     // USD per million uncached input tokens
    double price_cached = 0;                    // per million cache-read tokens
    double price_cache_write = 0;               // per million cache-write tokens
    double price_output = 0;                    // per million output tokens (reasoning included)
};

// The profile of a model name: the longest matching table prefix, else the conservative default.
const ModelProfile& profile_for(std::string_view model);

// Replaces the profile's fields that `overrides` sets.
ModelProfile apply_overrides(ModelProfile profile, const ProfileOverrides& overrides);

// Cost in USD of `usage` under `profile`'s prices (types.hpp semantics: input_tokens includes the
// cache reads and writes, which are priced separately).
double cost_usd(const ModelProfile& profile, const Usage& usage);

// "openai" -> Responses, "openai-chat" -> Chat Completions, "anthropic"; nullopt if unknown.
std::optional<Provider> parse_provider(std::string_view name);
std::string_view provider_name(Provider provider);

// The provider when none is configured: the base URL decides when it names a provider's host or a
// known local server, else the model name (claude-* -> anthropic; OpenAI model names -> Responses;
// anything else -> Chat Completions, which every compatible server speaks).
Provider infer_provider(std::string_view model, std::string_view base_url);

// The provider's public base URL, used when none is configured.
std::string default_base_url(Provider provider);

} // namespace oneshot::model
