#include "verify/judge.hpp"

#include "core/utf8.hpp"

#include <algorithm>

namespace oneshot::verify {

const nlohmann::json& judge_schema()
{
    static const nlohmann::json schema = {
        {"type", "object"},
        {"properties", {{"winner", {{"type", "integer"}, {"description", "the number of the best candidate"}}},
                        {"reasons", {{"type", "string"}, {"description", "why it is better than the others, briefly"}}}}},
        {"required", {"winner", "reasons"}},
        {"additionalProperties", false},
    };
    return schema;
}

model::Prompt judge_prompt(const std::string& task, const std::vector<JudgeEntry>& entries, std::size_t max_diff_bytes)
{
    model::Prompt prompt;
    prompt.schema_name = "judge_verdict";
    prompt.schema = judge_schema();
    prompt.instructions =
        "You are reviewing candidate changes to a software repository, all written for the same task. Their tests "
        "do not separate them. Pick the one a careful reviewer would merge: it does the whole task, correctly, "
        "handles edge cases, keeps the existing style, and changes nothing the task does not need.\n\n"
        "Return one JSON object: {\"winner\": <the candidate's number>, \"reasons\": \"<a few sentences>\"}.\n";
    prompt.task = "# Task\n\n" + task + "\n\n# Candidates\n";
    for (const auto& entry : entries) {
        std::string diff = entry.diff;
        if (diff.size() > max_diff_bytes) {
            diff = std::string(utf8_prefix(diff, max_diff_bytes)) + "\n[... " + std::to_string(entry.diff.size() - max_diff_bytes) + " more bytes of diff omitted]\n";
        }
        prompt.task += "\n## Candidate " + std::to_string(entry.number) + ": " + entry.summary + "\nTests: " + entry.tests +
                       "\n\n```diff\n" + diff + (diff.empty() || diff.back() == '\n' ? "" : "\n") + "```\n";
    }
    return prompt;
}

Result<JudgeVerdict> parse_verdict(const std::string& answer_json, const std::vector<JudgeEntry>& entries)
{
    const auto json = nlohmann::json::parse(answer_json, nullptr, false);
    if (json.is_discarded() || !json.is_object()) return make_error(ErrorKind::model, "the judge's answer is not a JSON object");
    const auto winner = json.find("winner");
    if (winner == json.end() || !winner->is_number_integer()) return make_error(ErrorKind::model, "the judge's answer has no integer \"winner\"");
    JudgeVerdict verdict;
    verdict.winner = winner->get<int>();
    if (std::none_of(entries.begin(), entries.end(), [&](const JudgeEntry& e) { return e.number == verdict.winner; })) {
        return make_error(ErrorKind::model, "the judge picked candidate " + std::to_string(verdict.winner) + ", which it was not shown");
    }
    if (const auto reasons = json.find("reasons"); reasons != json.end() && reasons->is_string()) verdict.reasons = reasons->get<std::string>();
    return verdict;
}

} // namespace oneshot::verify
