#include "model/profiles.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace oneshot::model {

namespace {

struct Entry {
    std::string_view prefix;
    ModelProfile profile;
};

ModelProfile openai_reasoning(std::int64_t context, std::int64_t max_out, double in, double cached, double out)
{
    ModelProfile p;
    p.context_window = context;
    p.max_output_tokens = max_out;
    p.default_output_tokens = std::min<std::int64_t>(max_out, 64000);
    p.supports_effort = true;
    p.chat_role = InstructionRole::developer;
    p.chat_max_completion_tokens = true;
    p.strict_schema = true;
    p.default_answer_format = "json";
    p.price_input = in;
    p.price_cached = cached;
    p.price_cache_write = in;   // OpenAI bills cache writes as ordinary input
    p.price_output = out;
    return p;
}

ModelProfile openai_plain(std::int64_t context, std::int64_t max_out, double in, double cached, double out)
{
    ModelProfile p = openai_reasoning(context, max_out, in, cached, out);
    p.supports_effort = false;
    p.chat_role = InstructionRole::system;
    return p;
}

ModelProfile claude(ThinkingStyle thinking, std::int64_t max_out, double in, double out, bool json_outputs = true)
{
    ModelProfile p;
    p.context_window = 200000;
    p.max_output_tokens = max_out;
    p.default_output_tokens = std::min<std::int64_t>(max_out, 32000);
    p.thinking = thinking;
    p.strict_schema = json_outputs;   // output_config.format: the 4.5 family and later
    // Thinking forbids a forced tool and code reads better outside JSON strings.
    p.default_answer_format = "text";
    p.price_input = in;
    p.price_cached = in * 0.1;
    p.price_cache_write = in * 1.25;  // 5-minute cache writes
    p.price_output = out;
    return p;
}

ModelProfile compatible(std::int64_t context, std::int64_t max_out, double in, double cached, double out)
{
    ModelProfile p;
    p.context_window = context;
    p.max_output_tokens = max_out;
    p.default_output_tokens = std::min<std::int64_t>(max_out, 32000);
    p.price_input = in;
    p.price_cached = cached;
    p.price_cache_write = in;
    p.price_output = out;
    return p;
}

const std::vector<Entry>& table()
{
    static const std::vector<Entry> entries = [] {
        std::vector<Entry> e = {
            {"gpt-5-nano", openai_reasoning(400000, 128000, 0.05, 0.005, 0.40)},
            {"gpt-5-mini", openai_reasoning(400000, 128000, 0.25, 0.025, 2.00)},
            {"gpt-5", openai_reasoning(400000, 128000, 1.25, 0.125, 10.00)},
            {"o3-mini", openai_reasoning(200000, 100000, 1.10, 0.55, 4.40)},
            {"o3-pro", openai_reasoning(200000, 100000, 20.00, 20.00, 80.00)},
            {"o3", openai_reasoning(200000, 100000, 2.00, 0.50, 8.00)},
            {"o4-mini", openai_reasoning(200000, 100000, 1.10, 0.275, 4.40)},
            {"o1", openai_reasoning(200000, 100000, 15.00, 7.50, 60.00)},
            {"gpt-4.1", openai_plain(1047576, 32768, 2.00, 0.50, 8.00)},
            {"gpt-4o", openai_plain(128000, 16384, 2.50, 1.25, 10.00)},
            {"claude-opus-4-1", claude(ThinkingStyle::budget, 32000, 15.00, 75.00, false)},
            {"claude-opus-4-0", claude(ThinkingStyle::budget, 32000, 15.00, 75.00, false)},
            {"claude-opus-4-5", claude(ThinkingStyle::budget, 64000, 5.00, 25.00)},
            // Dated names of the first Claude 4 models ("claude-opus-4-20250514").
            {"claude-opus-4-2", claude(ThinkingStyle::budget, 32000, 15.00, 75.00, false)},
            {"claude-sonnet-4-2", claude(ThinkingStyle::budget, 64000, 3.00, 15.00, false)},
            {"claude-opus-4", claude(ThinkingStyle::adaptive, 64000, 5.00, 25.00)},
            {"claude-sonnet-4-5", claude(ThinkingStyle::budget, 64000, 3.00, 15.00)},
            {"claude-sonnet-4-0", claude(ThinkingStyle::budget, 64000, 3.00, 15.00, false)},
            {"claude-sonnet-4", claude(ThinkingStyle::adaptive, 64000, 3.00, 15.00)},
            {"claude-haiku-4-5", claude(ThinkingStyle::budget, 64000, 1.00, 5.00)},
            {"claude-3-7-sonnet", claude(ThinkingStyle::budget, 64000, 3.00, 15.00, false)},
            // Newer Claude models reject manual thinking budgets: adaptive is the safe guess.
            {"claude", claude(ThinkingStyle::adaptive, 64000, 3.00, 15.00)},
            {"deepseek-reasoner", compatible(128000, 64000, 0.28, 0.028, 0.42)},
            {"deepseek-chat", compatible(128000, 8000, 0.28, 0.028, 0.42)},
            {"gemini-2.5-pro", compatible(1048576, 65536, 1.25, 0.31, 10.00)},
            {"gemini-2.5-flash", compatible(1048576, 65536, 0.30, 0.075, 2.50)},
        };
        // The very first o1 snapshots reject system and developer messages alike.
        ModelProfile o1_early = openai_reasoning(128000, 65536, 3.00, 1.50, 12.00);
        o1_early.chat_role = InstructionRole::user_prefix;
        o1_early.strict_schema = false;
        o1_early.default_answer_format = "text";
        e.push_back({"o1-mini", o1_early});
        e.push_back({"o1-preview", o1_early});
        // Gemini's OpenAI endpoint maps reasoning_effort to a thinking budget and takes json_schema.
        for (auto& entry : e)
            if (entry.prefix.starts_with("gemini")) {
                entry.profile.supports_effort = true;
                entry.profile.strict_schema = true;
                entry.profile.default_answer_format = "json";
            }
        for (auto& entry : e)
            entry.profile.family = std::string(entry.prefix);
        return e;
    }();
    return entries;
}

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

} // namespace

const ModelProfile& profile_for(std::string_view model)
{
    static const ModelProfile unknown;
    // Routers prefix the vendor ("openai/gpt-5", "anthropic/claude-sonnet-4-5"): match the last part.
    std::string name = lower(model);
    if (auto slash = name.rfind('/'); slash != std::string::npos)
        name = name.substr(slash + 1);
    const ModelProfile* best = &unknown;
    std::size_t best_length = 0;
    for (const auto& entry : table())
        if (name.starts_with(entry.prefix) && entry.prefix.size() > best_length) {
            best = &entry.profile;
            best_length = entry.prefix.size();
        }
    return *best;
}

ModelProfile apply_overrides(ModelProfile profile, const ProfileOverrides& overrides)
{
    if (overrides.context_window)
        profile.context_window = *overrides.context_window;
    if (overrides.max_output_tokens) {
        profile.max_output_tokens = *overrides.max_output_tokens;
        profile.default_output_tokens = std::min(profile.default_output_tokens, profile.max_output_tokens);
    }
    if (overrides.price_input)
        profile.price_input = *overrides.price_input;
    if (overrides.price_cached)
        profile.price_cached = *overrides.price_cached;
    if (overrides.price_output)
        profile.price_output = *overrides.price_output;
    return profile;
}

double cost_usd(const ModelProfile& profile, const Usage& usage)
{
    const auto uncached = std::max<std::int64_t>(0, usage.input_tokens - usage.cached_tokens - usage.cache_write_tokens);
    const double per_token = 1e-6;
    return per_token * (static_cast<double>(uncached) * profile.price_input +
                        static_cast<double>(usage.cached_tokens) * profile.price_cached +
                        static_cast<double>(usage.cache_write_tokens) * profile.price_cache_write +
                        static_cast<double>(usage.output_tokens) * profile.price_output);
}

std::optional<Provider> parse_provider(std::string_view name)
{
    if (name == "openai" || name == "openai-responses")
        return Provider::openai_responses;
    if (name == "openai-chat")
        return Provider::openai_chat;
    if (name == "anthropic")
        return Provider::anthropic;
    return std::nullopt;
}

std::string_view provider_name(Provider provider)
{
    switch (provider) {
    case Provider::openai_responses: return "openai";
    case Provider::openai_chat: return "openai-chat";
    case Provider::anthropic: return "anthropic";
    }
    return "openai";
}

Provider infer_provider(std::string_view model, std::string_view base_url)
{
    const std::string url = lower(base_url);
    if (url.find("anthropic.com") != std::string::npos)
        return Provider::anthropic;
    if (url.find("api.openai.com") != std::string::npos) {
        const std::string name = lower(model);
        return name.starts_with("claude") ? Provider::anthropic : Provider::openai_responses;
    }
    const std::string name = lower(model);
    if (!url.empty())
        // Any other server (Ollama, llama.cpp, vLLM, OpenRouter, DeepSeek, Gemini, a proxy): Chat
        // Completions is what they all speak, unless the model is plainly a Claude model (routers
        // spell those "anthropic/claude-...", which stays Chat Completions).
        return name.starts_with("claude") ? Provider::anthropic : Provider::openai_chat;
    if (name.starts_with("claude"))
        return Provider::anthropic;
    const auto& profile = profile_for(model);
    if (profile.chat_max_completion_tokens)   // an OpenAI model
        return Provider::openai_responses;
    return Provider::openai_chat;
}

std::string default_base_url(Provider provider)
{
    switch (provider) {
    case Provider::anthropic: return "https://api.anthropic.com";
    case Provider::openai_chat:
    case Provider::openai_responses: return "https://api.openai.com/v1";
    }
    return "https://api.openai.com/v1";
}

} // namespace oneshot::model
