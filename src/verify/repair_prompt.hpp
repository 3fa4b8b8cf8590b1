// The follow-up request of a repair round: the original prompt (instructions and context kept
// byte-identical, so providers can serve them from their prompt cache), the previous answer, and
// what went wrong with it, trimmed to what a model can use. Pure.
#pragma once

#include "core/error.hpp"
#include "model/types.hpp"
#include "verify/verifier.hpp"

#include <cstddef>
#include <string>

namespace oneshot::verify {

// Diagnostics for an answer that could not be applied: the error message and its detail (for a
// quote that matched nothing, the closest region of the file and a diff against it).
std::string diagnose_error(const Error& error, std::size_t max_bytes = 6000);

// Diagnostics for an answer whose tests failed: the command, what broke against the base, the
// failing names and the tail of the output.
std::string diagnose_tests(const Verification& verification, std::size_t max_bytes = 6000);

// The prompt of round `round` (2, 3, ...): the original with the previous answer and its
// diagnostics appended to the task part, and the demand for a complete patch against the base.
model::Prompt follow_up_prompt(const model::Prompt& original, int round, const std::string& previous_answer,
                               const std::string& diagnostics);

// Keeps the last `max_bytes` of text, cut at a line start, with a note of what was dropped.
std::string tail_lines(const std::string& text, std::size_t max_bytes);

} // namespace oneshot::verify
