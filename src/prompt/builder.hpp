// The reasoning-model prompt: say what is wanted, never how to think. Goal, the return format,
// warnings, then the context — ordered so the stable part comes first and providers can cache it.
#pragma once

#include "context/engine.hpp"
#include "model/types.hpp"

#include <string>

namespace oneshot::prompt {

enum class AnswerFormat { json, text };

struct PromptInput {
    std::string task;
    const context::ContextPack* context = nullptr;
    nlohmann::json schema;                       // the patch document's strict schema
    AnswerFormat format = AnswerFormat::json;
    std::string text_format_rules;               // how to write a text-encoded answer (format text only)
};

model::Prompt build_prompt(const PromptInput& input);

} // namespace oneshot::prompt
