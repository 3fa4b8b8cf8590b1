// Sends one prompt to the configured provider and returns the answer text with its usage.
// Errors: ErrorKind::network (connect, TLS, cut streams), model (HTTP errors, auth, quota),
// refusal, truncated, interrupted, config (unknown provider, missing key), patch (a text-format
// answer that cannot be converted; the detail lists every problem, for a follow-up request).
#pragma once

#include "core/error.hpp"
#include "model/types.hpp"

namespace oneshot::model {

// What a call spent, successful or not: refusals, truncations and failed attempts cost tokens too,
// and the run report shows them.
struct Spending {
    Usage usage;
    double cost_usd = 0;
    int attempts = 0;            // HTTP requests made (retries and background polls excluded)
};

// With the text answer format the client sends no schema, and appends text_answer_instructions()
// to Prompt::instructions unless they already contain them verbatim (a prompt builder may place
// them itself); the prompt should then not ask for JSON. answer_format_for() tells which format.
Result<Answer> ask(const ModelConfig& config, const Prompt& prompt);
Result<Answer> ask(const ModelConfig& config, const Prompt& prompt, Spending& spent);

// "json" or "text": what ask() will request for this config (the flag, else the model's default).
Result<std::string> answer_format_for(const ModelConfig& config);

} // namespace oneshot::model
