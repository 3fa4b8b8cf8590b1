#include "prompt/builder.hpp"

namespace oneshot::prompt {

namespace {

// Reasoning models do best with a plain statement of the goal, the output contract and the hard
// constraints; step-by-step instructions on how to reason make them worse, so there are none.
constexpr const char* kGoal =
    "You are changing a software repository. Produce the complete change that accomplishes the task "
    "below, across every file it requires, as one patch document.";

constexpr const char* kJsonFormat = R"(Return format: one JSON object, the patch document, and nothing else.
- "summary": a one-line commit subject in the imperative mood, at most 72 characters.
- "explanation": why and how, a few sentences; it becomes the commit body.
- "changes": one entry per file, each with every key present ("path", "action", "new_path", "content", "edits"); unused keys are null.
  - "action" is "modify", "create", "delete" or "rename"; "new_path" only for "rename".
  - To modify a file, give "edits": a list of {"search", "replace"}. Each "search" quotes existing lines of the file exactly as shown (whole lines, same indentation, enough lines to identify exactly one place); "replace" is their new text. Edits of one file apply in order, each to the result of the previous one.
  - Alternatively give "content": the whole new text of the file (only for files shown in full, or new files).
  - "create" needs "content"; "delete" needs nothing else; "rename" may carry "edits" for the renamed file.
- Paths are relative to the repository root, '/'-separated.)";

constexpr const char* kWarnings = R"(Constraints:
- Modify only files whose text is shown below (in full or in regions); delete, or rename without edits, only files listed below; you may create new files.
- The complete change includes the tests, docs, changelog entry and build lists it affects, where they are shown.
- Quote "search" text only from lines shown verbatim below; never from memory or from outlines.
- Keep the existing code style, naming and indentation of each file.
- The project's tests must pass after the change; update or add tests where the task calls for it.
- Do the whole task; do not leave placeholders or TODOs in place of code.)";

} // namespace

model::Prompt build_prompt(const PromptInput& input)
{
    model::Prompt prompt;
    prompt.instructions = std::string(kGoal) + "\n\n";
    if (input.format == AnswerFormat::json) {
        prompt.instructions += kJsonFormat;
    } else {
        prompt.instructions += input.text_format_rules;
    }
    prompt.instructions += "\n\n";
    prompt.instructions += kWarnings;
    prompt.instructions += "\n";

    if (input.context) {
        prompt.context = "# Repository context\n\n" + input.context->text;
    }
    // The task comes last: long-context models attend best to what closes the prompt, and the
    // repository part before it stays a reusable cache prefix across tasks.
    prompt.task = "# Task\n\n" + input.task + "\n";
    prompt.schema = input.schema;
    return prompt;
}

} // namespace oneshot::prompt
