#include "batch/summary.hpp"

#include <cstdio>

namespace oneshot::batch {

using nlohmann::json;

namespace {

std::string text_at(const json& record, const char* key)
{
    auto it = record.find(key);
    return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

long long tokens(const json& record, const char* key)
{
    const json* model = record.contains("model") ? &record["model"] : nullptr;
    if (!model || !model->is_object() || !model->contains("usage")) return 0;
    const json& usage = (*model)["usage"];
    return usage.contains(key) && usage[key].is_number() ? usage[key].get<long long>() : 0;
}

double cost(const json& record)
{
    if (!record.contains("model") || !record["model"].is_object()) return 0;
    const json& model = record["model"];
    return model.contains("cost_usd") && model["cost_usd"].is_number() ? model["cost_usd"].get<double>() : 0;
}

// Table cells may hold anything a model or a test said: keep each on one line and pipe-free.
std::string cell(std::string text, std::size_t max = 80)
{
    for (char& c : text) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    std::string out;
    for (char c : text) {
        if (c == '|') out += "\\|";
        else out += c;
    }
    if (out.size() > max) out = out.substr(0, max - 3) + "...";
    return out;
}

std::string format(const char* pattern, double value)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, pattern, value);
    return buffer;
}

} // namespace

Totals totals_of(const std::vector<json>& records)
{
    Totals totals;
    for (const json& record : records) {
        const std::string status = text_at(record, "status");
        if (status == "passed") ++totals.passed;
        else if (status == "failed") ++totals.failed;
        else if (status == "untested") ++totals.untested;
        else ++totals.errors;
        totals.input_tokens += tokens(record, "input_tokens");
        totals.output_tokens += tokens(record, "output_tokens");
        totals.cost_usd += cost(record);
    }
    return totals;
}

std::string markdown_summary(const std::vector<json>& records, int not_started)
{
    std::string out = "| id | status | branch | tests | tokens in/out | cost | duration | error |\n"
                      "|---|---|---|---|---|---|---|---|\n";
    for (const json& record : records) {
        std::string tests = "-";
        if (record.contains("tests") && record["tests"].is_object()) {
            const json& t = record["tests"];
            if (t.value("timed_out", false)) tests = "timed out";
            else if (t.contains("exit_code") && t["exit_code"].is_number()) tests = "exit " + std::to_string(t["exit_code"].get<int>());
        }
        std::string error;
        if (record.contains("error") && record["error"].is_object()) {
            error = text_at(record["error"], "kind") + ": " + text_at(record["error"], "message");
        }
        const double duration = record.contains("duration_s") && record["duration_s"].is_number() ? record["duration_s"].get<double>() : 0;
        out += "| " + cell(text_at(record, "id")) + " | " + cell(text_at(record, "status")) + " | " +
               cell(text_at(record, "branch")) + " | " + tests + " | " + std::to_string(tokens(record, "input_tokens")) + "/" +
               std::to_string(tokens(record, "output_tokens")) + " | " + format("$%.4f", cost(record)) + " | " +
               format("%.1f s", duration) + " | " + cell(error) + " |\n";
    }
    const Totals t = totals_of(records);
    out += "\n**" + std::to_string(records.size()) + " tasks:** " + std::to_string(t.passed) + " passed, " +
           std::to_string(t.failed) + " failed, " + std::to_string(t.untested) + " untested, " + std::to_string(t.errors) +
           " errors";
    if (not_started > 0) out += ", " + std::to_string(not_started) + " not started (rerun with --resume)";
    out += "; " + std::to_string(t.input_tokens) + " input / " + std::to_string(t.output_tokens) + " output tokens, " +
           format("$%.4f", t.cost_usd) + ".\n";
    return out;
}

} // namespace oneshot::batch
