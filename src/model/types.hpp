// Values exchanged with the model layer: what to ask, how, and what came back.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace oneshot::model {

struct Usage {
    std::int64_t input_tokens = 0;        // all prompt tokens: uncached + cache reads + cache writes
    std::int64_t cached_tokens = 0;       // cache reads
    std::int64_t cache_write_tokens = 0;  // cache writes
    std::int64_t output_tokens = 0;       // all output, reasoning included
    std::int64_t reasoning_tokens = 0;    // the reasoning/thinking part of output_tokens
    Usage& operator+=(const Usage& other);
};

// Values from git config (oneshot.contextWindow, oneshot.maxOutput, oneshot.priceInput,
// oneshot.priceCached, oneshot.priceOutput) that replace the model profile's; unset ones do not.
struct ProfileOverrides {
    std::optional<std::int64_t> context_window;
    std::optional<std::int64_t> max_output_tokens;
    std::optional<double> price_input;     // USD per million tokens
    std::optional<double> price_cached;
    std::optional<double> price_output;
};

struct ModelConfig {
    std::string provider;        // "openai" (Responses), "openai-chat", "anthropic"
    std::string model;
    std::string base_url;        // OpenAI-style includes /v1; Anthropic's does not
    std::string api_key;         // from the environment only; never printed or recorded
    std::string effort = "medium";
    std::int64_t max_output_tokens = 0;   // 0: the model profile's default
    bool stream = true;
    bool background = false;
    double timeout_s = 1800;       // overall deadline
    double idle_timeout_s = 300;   // no bytes on a stream for this long: failed attempt
    double connect_timeout_s = 30;
    std::size_t max_response_bytes = 0;   // 0: the transport's cap (TransferLimits::max_body_bytes)
    bool quiet = false;            // no progress on stderr
    std::string answer_format;     // "json" (strict structured output), "text" (delimited blocks,
                                   // see text_answer.hpp); empty: the model profile's default
    int max_retries = 2;           // extra attempts after transient failures (the SDKs' default)
    std::string record_dir;        // store every exchange here (replay.hpp describes the layout)
    std::string replay_dir;        // answer from a recorded directory, no network
    ProfileOverrides overrides;
};

// The prompt in the order providers cache best: stable instructions and repository context first,
// the task-specific part last (see prompt/).
struct Prompt {
    std::string instructions;   // goal, return format, warnings (system/developer role)
    std::string context;        // repository context dump (stable across tasks of one repo where possible)
    std::string task;           // the user's task and anything task-specific
    nlohmann::json schema;      // JSON Schema of the answer (strict structured output)
    std::string schema_name = "code_patch";
    // A follow-up round (a malformed answer gets one, with the exact errors): the previous answer
    // is sent back as the assistant's turn, then `follow_up` as a new user turn. Empty: one turn.
    std::string prior_answer;
    std::string follow_up;
};

struct Answer {
    std::string text;            // the answer channel only (never reasoning text); with the text
                                 // answer format, already converted to the patch document's JSON
    std::string raw_text;        // the answer exactly as the model wrote it
    Usage usage;                 // summed over every attempt of this call, failed ones included
    double cost_usd = 0;
    std::string provider;
    std::string model;
    std::string request_id;      // x-request-id / request-id of the answering request, for support
    int attempts = 1;            // HTTP requests made, retries included
};

} // namespace oneshot::model
