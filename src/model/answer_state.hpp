// What a provider's response says, event by event (streams) or all at once (plain JSON bodies):
// the answer channel's text, refusal text, usage and how it ended. Pure: values in, values out.
// Reasoning, thinking and summary text never reach `text`.
#pragma once

#include "model/profiles.hpp"
#include "model/sse_parser.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace oneshot::model {

enum class Ending {
    none,        // no terminal event yet: if the body ends here, the stream was cut
    complete,
    refusal,     // a refusal or a content filter
    truncated,   // max tokens / context window / incomplete
    error,       // an error event or a failed response
};

enum class Phase { waiting, thinking, writing };

struct AnswerState {
    std::string text;
    std::string refusal;
    Usage usage;
    Ending ending = Ending::none;
    std::string reason;          // stop reason, incomplete reason or error message
    std::string error_code;      // error events: the provider's code or type
    bool error_retryable = false;
    Phase phase = Phase::waiting;
    std::size_t reasoning_chars = 0;
    std::string response_id;     // Responses: the id to poll in background mode
    std::string status;          // Responses: the response status (queued, in_progress, ...)
    // Anthropic: block index -> block type, so deltas are routed by the block they belong to.
    std::map<int, std::string> blocks;
    bool finish_seen = false;    // Chat: a finish_reason arrived (the [DONE] may still be missing)
};

// Applies one SSE event of `provider`'s stream. Malformed data in an event is an error ending.
void apply_event(Provider provider, const SseEvent& event, AnswerState& state);

// Parses a plain JSON response body (non-streamed answer, background poll) into a state.
AnswerState parse_body(Provider provider, std::string_view body);

// Usage objects of each wire format, in types.hpp semantics. Missing fields count as zero.
Usage usage_from_responses(const nlohmann::json& usage);
Usage usage_from_chat(const nlohmann::json& usage);
Usage usage_from_anthropic(const nlohmann::json& usage);

} // namespace oneshot::model
