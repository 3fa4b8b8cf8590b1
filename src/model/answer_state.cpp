#include "model/answer_state.hpp"

#include "core/json_text.hpp"
#include "core/utf8.hpp"

namespace oneshot::model {

using nlohmann::json;

namespace {

std::int64_t int_at(const json& object, const char* key)
{
    if (!object.is_object())
        return 0;
    auto it = object.find(key);
    return it != object.end() && it->is_number() ? it->get<std::int64_t>() : 0;
}

const json& member(const json& object, const char* key)
{
    static const json null_value;
    if (!object.is_object())
        return null_value;
    auto it = object.find(key);
    return it == object.end() ? null_value : *it;
}

std::string string_at(const json& object, const char* key)
{
    const json& value = member(object, key);
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_number())
        return json_text(value);
    return {};
}

void set_error(AnswerState& state, std::string message, std::string code, bool retryable)
{
    state.ending = Ending::error;
    state.reason = message.empty() ? "the server reported an error" : std::move(message);
    state.error_code = std::move(code);
    state.error_retryable = retryable;
}

bool transient_code(const std::string& code)
{
    return code == "server_error" || code == "rate_limit_exceeded" || code == "overloaded_error" ||
           code == "api_error" || code == "rate_limit_error" || code == "timeout_error" || code == "internal_error";
}

// ---- OpenAI Responses ----------------------------------------------------------------------

// The final Response object: answer text from message items only (never output[0] blindly).
void take_response_object(const json& response, AnswerState& state)
{
    state.response_id = string_at(response, "id");
    state.status = string_at(response, "status");
    const json& usage = member(response, "usage");
    if (usage.is_object())
        state.usage = usage_from_responses(usage);
    std::string text;
    std::string refusal;
    bool has_refusal = false;
    const json& output = member(response, "output");
    if (output.is_array())
        for (const auto& item : output) {
            if (string_at(item, "type") != "message")
                continue;
            const json& content = member(item, "content");
            if (!content.is_array())
                continue;
            for (const auto& part : content) {
                const std::string type = string_at(part, "type");
                if (type == "output_text")
                    text += string_at(part, "text");
                else if (type == "refusal") {
                    has_refusal = true;
                    refusal += string_at(part, "refusal");
                }
            }
        }
    if (state.text.empty())
        state.text = text;
    if (has_refusal && state.refusal.empty())
        state.refusal = refusal.empty() ? "(no refusal text)" : refusal;

    if (state.status == "completed") {
        state.ending = has_refusal || !state.refusal.empty() ? Ending::refusal : Ending::complete;
    } else if (state.status == "incomplete") {
        const std::string reason = string_at(member(response, "incomplete_details"), "reason");
        state.reason = reason.empty() ? "incomplete" : reason;
        state.ending = reason == "content_filter" ? Ending::refusal : Ending::truncated;
    } else if (state.status == "failed" || state.status == "cancelled") {
        const json& error = member(response, "error");
        const std::string code = string_at(error, "code");
        set_error(state, state.status == "cancelled" ? "the response was cancelled" : string_at(error, "message"),
                  code, transient_code(code));
    }
}

void apply_responses(const json& data, AnswerState& state)
{
    const std::string type = string_at(data, "type");
    if (type == "response.output_text.delta") {
        state.text += string_at(data, "delta");
        state.phase = Phase::writing;
    } else if (type == "response.refusal.delta") {
        state.refusal += string_at(data, "delta");
        state.phase = Phase::writing;
    } else if (type.starts_with("response.reasoning")) {
        state.reasoning_chars += string_at(data, "delta").size();
        state.phase = Phase::thinking;
    } else if (type == "response.created" || type == "response.in_progress" || type == "response.queued") {
        take_response_object(member(data, "response"), state);
        if (state.phase == Phase::waiting && type == "response.in_progress")
            state.phase = Phase::thinking;
    } else if (type == "response.completed" || type == "response.incomplete" || type == "response.failed") {
        take_response_object(member(data, "response"), state);
        if (state.ending == Ending::none)   // a terminal event whose response lacks a status
            state.ending = type == "response.completed" ? Ending::complete
                           : type == "response.incomplete" ? Ending::truncated : Ending::error;
    } else if (type == "error") {
        const std::string code = string_at(data, "code");
        set_error(state, string_at(data, "message"), code, transient_code(code));
    }
    // Everything else (output_item, content_part, tool events, new families) is ignored.
}

// ---- Chat Completions ----------------------------------------------------------------------

void apply_chat_error(const json& data, AnswerState& state)
{
    const json& error = member(data, "error");
    std::string code = string_at(error, "code");
    if (code.empty())
        code = string_at(error, "type");
    const std::string message = error.is_object() ? string_at(error, "message") : string_at(data, "message");
    set_error(state, message, code, transient_code(code) || code == "503" || code == "502" || code == "500");
}

void apply_chat_finish(const std::string& finish, AnswerState& state)
{
    state.finish_seen = true;
    state.reason = finish;
    if (finish == "length")
        state.ending = Ending::truncated;
    else if (finish == "content_filter" || !state.refusal.empty())
        state.ending = Ending::refusal;
    else
        state.ending = Ending::complete;   // stop, tool_calls, and servers' own reasons
}

void apply_chat(const json& data, AnswerState& state)
{
    if (data.contains("error") || string_at(data, "object") == "error") {
        apply_chat_error(data, state);
        return;
    }
    if (const json& usage = member(data, "usage"); usage.is_object())
        state.usage = usage_from_chat(usage);
    const json& choices = member(data, "choices");
    if (!choices.is_array() || choices.empty())
        return;   // the usage chunk, or Azure's filter-results chunk
    const json& choice = choices[0];
    const json& delta = member(choice, "delta");
    const std::string content = string_at(delta, "content");
    if (!content.empty()) {
        state.text += content;
        state.phase = Phase::writing;
    }
    if (const std::string refusal = string_at(delta, "refusal"); !refusal.empty()) {
        state.refusal += refusal;
        state.phase = Phase::writing;
    }
    for (const char* key : {"reasoning_content", "reasoning"}) {
        const std::string reasoning = string_at(delta, key);
        if (!reasoning.empty()) {
            state.reasoning_chars += reasoning.size();
            state.phase = Phase::thinking;
        }
    }
    if (const json& finish = member(choice, "finish_reason"); finish.is_string())
        apply_chat_finish(finish.get<std::string>(), state);
}

// ---- Anthropic Messages --------------------------------------------------------------------

void merge_anthropic_usage(const json& usage, AnswerState& state)
{
    if (!usage.is_object())
        return;
    // message_delta usage is cumulative and may carry only some fields: replace those present.
    json merged = {{"input_tokens", state.usage.input_tokens - state.usage.cached_tokens - state.usage.cache_write_tokens},
                   {"cache_read_input_tokens", state.usage.cached_tokens},
                   {"cache_creation_input_tokens", state.usage.cache_write_tokens},
                   {"output_tokens", state.usage.output_tokens},
                   {"output_tokens_details", {{"thinking_tokens", state.usage.reasoning_tokens}}}};
    for (auto it = usage.begin(); it != usage.end(); ++it)
        if (!it.value().is_null())
            merged[it.key()] = it.value();
    state.usage = usage_from_anthropic(merged);
}

void apply_stop_reason(const std::string& stop, const json& details, AnswerState& state)
{
    state.reason = stop;
    if (stop == "max_tokens" || stop == "model_context_window_exceeded") {
        state.ending = Ending::truncated;
    } else if (stop == "refusal") {
        state.ending = Ending::refusal;
        const std::string explanation = string_at(details, "explanation");
        const std::string category = string_at(details, "category");
        state.refusal = !explanation.empty() ? explanation : !category.empty() ? "category " + category : "the model refused";
    } else {
        state.ending = Ending::complete;
    }
}

void apply_anthropic(const json& data, AnswerState& state)
{
    const std::string type = string_at(data, "type");
    if (type == "message_start") {
        const json& message = member(data, "message");
        state.response_id = string_at(message, "id");
        merge_anthropic_usage(member(message, "usage"), state);
        state.phase = Phase::thinking;
    } else if (type == "content_block_start") {
        const int index = static_cast<int>(int_at(data, "index"));
        state.blocks[index] = string_at(member(data, "content_block"), "type");
    } else if (type == "content_block_delta") {
        const json& delta = member(data, "delta");
        const std::string delta_type = string_at(delta, "type");
        const std::string& block = state.blocks[static_cast<int>(int_at(data, "index"))];
        if (delta_type == "text_delta" && block == "text") {
            state.text += string_at(delta, "text");
            state.phase = Phase::writing;
        } else if (delta_type == "input_json_delta" && block == "tool_use") {
            state.text += string_at(delta, "partial_json");
            state.phase = Phase::writing;
        } else if (delta_type == "thinking_delta") {
            state.reasoning_chars += string_at(delta, "thinking").size();
            state.phase = Phase::thinking;
        }
    } else if (type == "message_delta") {
        merge_anthropic_usage(member(data, "usage"), state);
        const json& delta = member(data, "delta");
        if (const json& stop = member(delta, "stop_reason"); stop.is_string())
            apply_stop_reason(stop.get<std::string>(), member(delta, "stop_details"), state);
    } else if (type == "message_stop") {
        state.finish_seen = true;
        if (state.ending == Ending::none)
            state.ending = Ending::complete;
    } else if (type == "error") {
        const json& error = member(data, "error");
        const std::string code = string_at(error, "type");
        set_error(state, string_at(error, "message"), code, transient_code(code));
    }
}

} // namespace

Usage usage_from_responses(const json& usage)
{
    Usage u;
    u.input_tokens = int_at(usage, "input_tokens");
    u.cached_tokens = int_at(member(usage, "input_tokens_details"), "cached_tokens");
    u.cache_write_tokens = int_at(member(usage, "input_tokens_details"), "cache_write_tokens");
    u.output_tokens = int_at(usage, "output_tokens");
    u.reasoning_tokens = int_at(member(usage, "output_tokens_details"), "reasoning_tokens");
    return u;
}

Usage usage_from_chat(const json& usage)
{
    Usage u;
    u.input_tokens = int_at(usage, "prompt_tokens");
    u.cached_tokens = int_at(member(usage, "prompt_tokens_details"), "cached_tokens");
    u.cache_write_tokens = int_at(member(usage, "prompt_tokens_details"), "cache_write_tokens");
    u.output_tokens = int_at(usage, "completion_tokens");
    u.reasoning_tokens = int_at(member(usage, "completion_tokens_details"), "reasoning_tokens");
    return u;
}

Usage usage_from_anthropic(const json& usage)
{
    Usage u;
    u.cached_tokens = int_at(usage, "cache_read_input_tokens");
    u.cache_write_tokens = int_at(usage, "cache_creation_input_tokens");
    // Anthropic's input_tokens excludes both cache parts; ours includes them.
    u.input_tokens = int_at(usage, "input_tokens") + u.cached_tokens + u.cache_write_tokens;
    u.output_tokens = int_at(usage, "output_tokens");
    u.reasoning_tokens = int_at(member(usage, "output_tokens_details"), "thinking_tokens");
    return u;
}

void apply_event(Provider provider, const SseEvent& event, AnswerState& state)
{
    if (provider == Provider::openai_chat && event.data.starts_with("[DONE]")) {
        if (state.ending == Ending::none && !state.finish_seen)
            set_error(state, "the stream ended ([DONE]) without a finish reason", "", true);
        return;
    }
    json data = json::parse(event.data, nullptr, false);
    if (data.is_discarded() || !data.is_object()) {
        set_error(state, "the server sent an event that is not a JSON object: " + utf8_truncate(event.data, 200), "", true);
        return;
    }
    if (!data.contains("type") && !event.event.empty() && provider != Provider::openai_chat)
        data["type"] = event.event;   // the event name is the fallback for the payload's type
    switch (provider) {
    case Provider::openai_responses: apply_responses(data, state); break;
    case Provider::openai_chat: apply_chat(data, state); break;
    case Provider::anthropic: apply_anthropic(data, state); break;
    }
}

AnswerState parse_body(Provider provider, std::string_view body)
{
    AnswerState state;
    // DeepSeek pads non-streamed bodies with blank lines while it waits: JSON whitespace, fine.
    json data = json::parse(body, nullptr, false);
    if (data.is_discarded() || !data.is_object()) {
        set_error(state, "the response body is not a JSON object", "", true);
        return state;
    }
    if (data.contains("error") && !data["error"].is_null()) {
        if (provider == Provider::anthropic)
            apply_anthropic({{"type", "error"}, {"error", data["error"]}}, state);
        else
            apply_chat_error(data, state);
        return state;
    }
    switch (provider) {
    case Provider::openai_responses:
        take_response_object(data, state);
        if (state.ending == Ending::none && state.status != "queued" && state.status != "in_progress")
            set_error(state, "the response has an unknown status '" + state.status + "'", "", false);
        break;
    case Provider::openai_chat: {
        if (const json& usage = member(data, "usage"); usage.is_object())
            state.usage = usage_from_chat(usage);
        const json& choices = member(data, "choices");
        if (!choices.is_array() || choices.empty()) {
            set_error(state, "the response has no choices", "", false);
            break;
        }
        const json& message = member(choices[0], "message");
        state.text = string_at(message, "content");
        state.refusal = string_at(message, "refusal");
        const json& finish = member(choices[0], "finish_reason");
        apply_chat_finish(finish.is_string() ? finish.get<std::string>() : "stop", state);
        break;
    }
    case Provider::anthropic: {
        state.response_id = string_at(data, "id");
        merge_anthropic_usage(member(data, "usage"), state);
        const json& content = member(data, "content");
        if (content.is_array())
            for (const auto& block : content) {
                const std::string type = string_at(block, "type");
                if (type == "text")
                    state.text += string_at(block, "text");
                else if (type == "tool_use")
                    state.text += json_text(member(block, "input"));
            }
        const json& stop = member(data, "stop_reason");
        apply_stop_reason(stop.is_string() ? stop.get<std::string>() : "end_turn", member(data, "stop_details"), state);
        state.finish_seen = true;
        break;
    }
    }
    return state;
}

} // namespace oneshot::model
