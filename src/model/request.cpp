#include "model/request.hpp"

#include "core/json_text.hpp"
#include "model/key_routing.hpp"
#include "model/text_answer.hpp"

#include <algorithm>
#include <cctype>

namespace oneshot::model {

using nlohmann::json;

namespace {

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string join_nonempty(std::initializer_list<std::string_view> parts)
{
    std::string out;
    for (auto part : parts) {
        if (part.empty())
            continue;
        if (!out.empty())
            out += "\n\n";
        out += part;
    }
    return out;
}

void common_headers(HttpRequest& request, bool stream)
{
    request.headers.emplace_back("Content-Type", "application/json");
    request.headers.emplace_back("Accept", stream ? "text/event-stream" : "application/json");
    // libcurl adds "Expect: 100-continue" to large POSTs; servers that ignore it cost a second each.
    request.headers.emplace_back("Expect", "");
}

// The instructions as sent: with the text answer format, how to write it must be there once; a
// prompt builder that already placed text_answer_instructions() keeps its own placement.
std::string instructions_for(const RequestPlan& plan, const Prompt& prompt)
{
    if (plan.format != AnswerFormat::text || prompt.instructions.find(text_answer_instructions()) != std::string::npos)
        return prompt.instructions;
    return join_nonempty({prompt.instructions, text_answer_instructions()});
}

bool has_follow_up(const Prompt& prompt)
{
    return !prompt.follow_up.empty();
}

json responses_body(const RequestPlan& plan, const ModelConfig& config, const Prompt& prompt)
{
    json body = {{"model", config.model}};
    if (const std::string instructions = instructions_for(plan, prompt); !instructions.empty())
        body["instructions"] = instructions;
    // Context first, task last: the stable prefix is what the provider caches.
    json content = json::array();
    for (const std::string* part : {&prompt.context, &prompt.task})
        if (!part->empty())
            content.push_back({{"type", "input_text"}, {"text", *part}});
    body["input"] = json::array({{{"role", "user"}, {"content", content}}});
    if (has_follow_up(prompt)) {
        body["input"].push_back({{"role", "assistant"}, {"content", prompt.prior_answer}});
        body["input"].push_back({{"role", "user"}, {"content", prompt.follow_up}});
    }
    if (plan.profile.supports_effort && !config.effort.empty())
        body["reasoning"] = {{"effort", config.effort}};
    body["max_output_tokens"] = plan.max_output_tokens;
    if (plan.format == AnswerFormat::json && !prompt.schema.is_null())
        body["text"] = {{"format", {{"type", "json_schema"}, {"name", prompt.schema_name},
                                    {"schema", prompt.schema}, {"strict", true}}}};
    if (config.background) {
        body["background"] = true;
        body["store"] = true;   // background responses must be stored to be polled
    } else {
        body["store"] = false;
    }
    body["stream"] = config.stream && !config.background;
    if (config.stream && !config.background)
        body["stream_options"] = {{"include_obfuscation", false}};
    return body;
}

json chat_body(const RequestPlan& plan, const ModelConfig& config, const Prompt& prompt)
{
    json body = {{"model", config.model}};
    json messages = json::array();
    const std::string instructions = instructions_for(plan, prompt);
    std::string user = join_nonempty({prompt.context, prompt.task});
    switch (plan.profile.chat_role) {
    case InstructionRole::developer:
        if (!instructions.empty())
            messages.push_back({{"role", "developer"}, {"content", instructions}});
        break;
    case InstructionRole::system:
        if (!instructions.empty())
            messages.push_back({{"role", "system"}, {"content", instructions}});
        break;
    case InstructionRole::user_prefix:
        user = join_nonempty({instructions, user});
        break;
    }
    // One user message: some compatible servers' chat templates insist that roles alternate.
    messages.push_back({{"role", "user"}, {"content", user}});
    if (has_follow_up(prompt)) {
        messages.push_back({{"role", "assistant"}, {"content", prompt.prior_answer}});
        messages.push_back({{"role", "user"}, {"content", prompt.follow_up}});
    }
    body["messages"] = std::move(messages);
    if (plan.profile.supports_effort && !config.effort.empty())
        body["reasoning_effort"] = config.effort;
    body[plan.profile.chat_max_completion_tokens ? "max_completion_tokens" : "max_tokens"] = plan.max_output_tokens;
    if (plan.format == AnswerFormat::json && !prompt.schema.is_null()) {
        if (plan.profile.strict_schema || plan.profile.family.empty())
            body["response_format"] = {{"type", "json_schema"},
                                       {"json_schema", {{"name", prompt.schema_name}, {"schema", prompt.schema}, {"strict", true}}}};
        else   // DeepSeek and the like: JSON mode only, the schema travels in the instructions
            body["response_format"] = {{"type", "json_object"}};
    }
    body["stream"] = config.stream;
    if (config.stream)
        body["stream_options"] = {{"include_usage", true}};
    return body;
}

std::int64_t thinking_budget(const std::string& effort, std::int64_t max_tokens)
{
    std::int64_t budget = effort == "low" ? 4096 : effort == "high" ? 32000 : effort == "max" || effort == "xhigh" ? 48000 : 16000;
    // The budget must be at least 1024 and leave room for the answer below max_tokens.
    budget = std::min(budget, max_tokens / 2);
    return budget < 1024 ? 0 : budget;
}

json anthropic_body(const RequestPlan& plan, const ModelConfig& config, const Prompt& prompt)
{
    const json ephemeral = {{"type", "ephemeral"}};
    json body = {{"model", config.model}, {"max_tokens", plan.max_output_tokens}};
    // Cache breakpoints close the stable prefix: instructions (system), then the repository context.
    if (const std::string instructions = instructions_for(plan, prompt); !instructions.empty())
        body["system"] = json::array({{{"type", "text"}, {"text", instructions}, {"cache_control", ephemeral}}});
    json content = json::array();
    if (!prompt.context.empty())
        content.push_back({{"type", "text"}, {"text", prompt.context}, {"cache_control", ephemeral}});
    if (!prompt.task.empty())
        content.push_back({{"type", "text"}, {"text", prompt.task}});
    body["messages"] = json::array({{{"role", "user"}, {"content", content}}});
    if (has_follow_up(prompt)) {
        body["messages"].push_back({{"role", "assistant"}, {"content", prompt.prior_answer}});
        body["messages"].push_back({{"role", "user"}, {"content", prompt.follow_up}});
    }

    const bool thinking_off = config.effort == "none" || config.effort == "minimal";
    bool thinking = false;
    if (!thinking_off && plan.profile.thinking == ThinkingStyle::adaptive) {
        body["thinking"] = {{"type", "adaptive"}};
        body["output_config"] = {{"effort", config.effort.empty() ? "high" : config.effort}};
        thinking = true;
    } else if (!thinking_off && plan.profile.thinking == ThinkingStyle::budget) {
        if (auto budget = thinking_budget(config.effort, plan.max_output_tokens); budget > 0) {
            body["thinking"] = {{"type", "enabled"}, {"budget_tokens", budget}};
            thinking = true;
        }
    }
    if (plan.format == AnswerFormat::json && !prompt.schema.is_null()) {
        if (plan.profile.strict_schema) {
            body["output_config"]["format"] = {{"type", "json_schema"}, {"schema", prompt.schema}};
        } else {
            body["tools"] = json::array({{{"name", prompt.schema_name},
                                          {"description", "Submit the answer."},
                                          {"input_schema", prompt.schema}}});
            // Thinking forbids forcing a tool: then the instructions must ask for it.
            body["tool_choice"] = thinking ? json{{"type", "auto"}} : json{{"type", "tool"}, {"name", prompt.schema_name}};
        }
    }
    body["stream"] = config.stream;
    return body;
}

std::string trim_slash(std::string url)
{
    while (!url.empty() && url.back() == '/')
        url.pop_back();
    return url;
}

} // namespace

bool is_secret_header(std::string_view name)
{
    const std::string n = lower(name);
    return n == "authorization" || n == "x-api-key" || n == "api-key" || n == "proxy-authorization" || n == "cookie";
}

Result<RequestPlan> plan_request(const ModelConfig& config)
{
    RequestPlan plan;
    if (config.model.empty() && config.replay_dir.empty())
        return make_error(ErrorKind::config, "no model configured (--model or git config oneshot.model)");
    if (config.provider.empty()) {
        plan.provider = infer_provider(config.model, config.base_url);
    } else if (auto provider = parse_provider(config.provider)) {
        plan.provider = *provider;
    } else {
        return make_error(ErrorKind::config, "unknown provider '" + config.provider +
                                                 "' (expected openai, openai-chat or anthropic)");
    }
    plan.profile = apply_overrides(profile_for(config.model), config.overrides);
    const std::string format = config.answer_format.empty() ? plan.profile.default_answer_format : config.answer_format;
    if (format == "json")
        plan.format = AnswerFormat::json;
    else if (format == "text")
        plan.format = AnswerFormat::text;
    else
        return make_error(ErrorKind::config, "unknown answer format '" + format + "' (expected json or text)");
    plan.base_url = trim_slash(config.base_url.empty() ? default_base_url(plan.provider) : config.base_url);
    if (config.background && plan.provider != Provider::openai_responses)
        return make_error(ErrorKind::config, "--background needs the openai provider (Responses API)");
    if (config.api_key.empty() && config.replay_dir.empty() && is_provider_host(plan.provider, plan.base_url))
        return make_error(ErrorKind::config, std::string("no API key: set ") +
                                                 (plan.provider == Provider::anthropic ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY"));
    plan.max_output_tokens = config.max_output_tokens > 0 ? config.max_output_tokens : plan.profile.default_output_tokens;
    return plan;
}

HttpRequest build_request(const RequestPlan& plan, const ModelConfig& config, const Prompt& prompt)
{
    HttpRequest request;
    json body;
    switch (plan.provider) {
    case Provider::openai_responses:
        request.url = plan.base_url + "/responses";
        body = responses_body(plan, config, prompt);
        request.stream = body["stream"].get<bool>();
        break;
    case Provider::openai_chat:
        request.url = plan.base_url + "/chat/completions";
        body = chat_body(plan, config, prompt);
        request.stream = config.stream;
        break;
    case Provider::anthropic:
        // ANTHROPIC_BASE_URL has no /v1, but tolerate one.
        request.url = plan.base_url + (plan.base_url.ends_with("/v1") ? "/messages" : "/v1/messages");
        body = anthropic_body(plan, config, prompt);
        request.stream = config.stream;
        break;
    }
    common_headers(request, request.stream);
    if (plan.provider == Provider::anthropic) {
        request.headers.emplace_back("anthropic-version", "2023-06-01");
        if (!config.api_key.empty())
            request.headers.emplace_back("x-api-key", config.api_key);
    } else if (!config.api_key.empty()) {
        request.headers.emplace_back("Authorization", "Bearer " + config.api_key);
    }
    // Prompts are text from files: invalid UTF-8 must not abort the request.
    request.body = json_text(body);
    return request;
}

HttpRequest build_poll_request(const RequestPlan& plan, const ModelConfig& config, const std::string& response_id)
{
    HttpRequest request;
    request.method = "GET";
    request.url = plan.base_url + "/responses/" + response_id;
    request.headers.emplace_back("Accept", "application/json");
    if (!config.api_key.empty())
        request.headers.emplace_back("Authorization", "Bearer " + config.api_key);
    return request;
}

} // namespace oneshot::model
