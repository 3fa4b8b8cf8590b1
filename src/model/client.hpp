// Sends one prompt to the configured provider and returns the answer text with its usage.
// Errors: ErrorKind::network (connect, TLS, cut streams), model (HTTP errors, auth, quota),
// refusal, truncated, interrupted, config (unknown provider, missing key).
#pragma once

#include "core/error.hpp"
#include "model/types.hpp"

namespace oneshot::model {

Result<Answer> ask(const ModelConfig& config, const Prompt& prompt);

} // namespace oneshot::model
