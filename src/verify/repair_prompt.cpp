#include "verify/repair_prompt.hpp"

#include "core/utf8.hpp"

namespace oneshot::verify {

namespace {

std::string head_bytes(const std::string& text, std::size_t max_bytes)
{
    if (text.size() <= max_bytes) return text;
    std::size_t cut = text.rfind('\n', max_bytes);
    if (cut == std::string::npos || cut == 0) cut = utf8_prefix(text, max_bytes).size();
    return text.substr(0, cut) + "\n[... " + std::to_string(text.size() - cut) + " more bytes omitted]\n";
}

std::string names_list(const std::vector<std::string>& names, std::size_t limit = 30)
{
    std::string text;
    for (std::size_t i = 0; i < names.size() && i < limit; ++i) text += "- " + names[i] + "\n";
    if (names.size() > limit) text += "- ... and " + std::to_string(names.size() - limit) + " more\n";
    return text;
}

} // namespace

std::string tail_lines(const std::string& text, std::size_t max_bytes)
{
    if (text.size() <= max_bytes) return text;
    std::size_t start = text.size() - max_bytes;
    const std::size_t newline = text.find('\n', start);
    if (newline != std::string::npos && newline + 1 < text.size()) start = newline + 1;
    else start = text.size() - utf8_suffix(text, max_bytes).size();
    return "[... " + std::to_string(start) + " earlier bytes omitted]\n" + text.substr(start);
}

std::string diagnose_error(const Error& error, std::size_t max_bytes)
{
    std::string text = "The patch could not be applied: " + error.message + "\n";
    if (!error.detail.empty()) text += error.detail + (error.detail.back() == '\n' ? "" : "\n");
    return head_bytes(text, max_bytes);
}

std::string diagnose_tests(const Verification& verification, std::size_t max_bytes)
{
    const auto& run = verification.tests;
    std::string text = "The patch applied, but the tests (`" + run.command + "`) ";
    if (run.process.timed_out) {
        text += "did not finish within the time limit (a hang or an endless loop?).\n";
    } else {
        text += "failed with exit code " + (run.process.exit_code ? std::to_string(*run.process.exit_code) : std::string("(killed)")) + ".\n";
    }
    const auto& comparison = verification.comparison;
    if (verification.baseline_passed && *verification.baseline_passed && comparison.outcome == Outcome::broke) {
        text += "They pass on the base revision, so the patch broke them.\n";
    }
    if (!comparison.broke.empty()) text += "Failing now but not before the patch:\n" + names_list(comparison.broke);
    if (!comparison.still_failing.empty()) text += "Already failing before the patch (not required to fix):\n" + names_list(comparison.still_failing);
    // Never blame the model for a flaky test: it is named so that it is not "fixed" by accident.
    if (!comparison.flaky.empty()) {
        text += "Flaky (they pass and fail on the same revision; not caused by the patch, leave them alone):\n" +
                names_list(flaky_names_for_report(comparison.flaky));
    }
    const std::string header = text + "Output (tail):\n";
    const std::size_t room = max_bytes > header.size() + 200 ? max_bytes - header.size() : 200;
    return header + tail_lines(run.process.output, room);
}

model::Prompt follow_up_prompt(const model::Prompt& original, int round, const std::string& previous_answer,
                               const std::string& diagnostics)
{
    model::Prompt prompt = original;
    prompt.task += "\n\n# Attempt " + std::to_string(round - 1) + " did not succeed\n\n"
                   "Your previous answer was:\n\n<previous_answer>\n" + previous_answer +
                   (previous_answer.empty() || previous_answer.back() == '\n' ? "" : "\n") +
                   "</previous_answer>\n\n"
                   "What went wrong:\n\n<diagnostics>\n" + diagnostics +
                   (diagnostics.empty() || diagnostics.back() == '\n' ? "" : "\n") +
                   "</diagnostics>\n\n"
                   "Answer again with a complete patch against the original files shown above (not against your "
                   "previous answer, which was not applied), in the same format, fixing these problems.\n";
    return prompt;
}

} // namespace oneshot::verify
