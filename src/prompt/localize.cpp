#include "prompt/localize.hpp"

#include <algorithm>

namespace oneshot::prompt {

namespace {

constexpr std::string_view kInstructions =
    "You are choosing what a code change needs to see. You get a task and a map of a repository: some "
    "files in full or in excerpts, outlines of others (\"line: signature\"), and the paths of the rest. "
    "Answer with the files the change will edit or must read to be right (its tests, docs, changelog "
    "and build files too), most important first (at most 12), and in each the functions, methods, types or fields by name that it will edit or call. Only "
    "paths that appear in the map. Answer with JSON only: "
    "{\"files\": [{\"path\": \"src/a.c\", \"symbols\": [\"parse_args\"]}]}.";

nlohmann::json focus_schema()
{
    return {{"type", "object"},
            {"additionalProperties", false},
            {"required", {"files"}},
            {"properties",
             {{"files",
               {{"type", "array"},
                {"items",
                 {{"type", "object"},
                  {"additionalProperties", false},
                  {"required", {"path", "symbols"}},
                  {"properties", {{"path", {{"type", "string"}}}, {"symbols", {{"type", "array"}, {"items", {{"type", "string"}}}}}}}}}}}}}};
}

// Models wrap JSON in a ```json fence now and then, although asked not to.
std::string_view unfenced(std::string_view text)
{
    const auto open = text.find("```");
    if (open == std::string_view::npos) return text;
    const auto body = text.find('\n', open);
    const auto close = text.rfind("```");
    if (body == std::string_view::npos || close <= body) return text;
    return text.substr(body + 1, close - body - 1);
}

} // namespace

std::int64_t localize_map_budget(std::int64_t budget)
{
    return std::clamp<std::int64_t>(budget / 4, 1000, 8000);
}

model::Prompt localize_prompt(std::string_view task, const context::ContextPack& map)
{
    model::Prompt prompt;
    prompt.instructions = std::string(kInstructions);
    prompt.context = map.text;
    prompt.task = "Task:\n" + std::string(task);
    prompt.schema = focus_schema();
    prompt.schema_name = "focus";
    return prompt;
}

Result<std::vector<context::FocusFile>> parse_focus(std::string_view answer, const std::function<bool(std::string_view)>& known,
                                                    std::vector<std::string>& dropped)
{
    const auto bad = [](const std::string& what) { return make_error(ErrorKind::model, "localize answer: " + what); };
    nlohmann::json doc = nlohmann::json::parse(unfenced(answer), nullptr, false);
    if (doc.is_discarded()) return bad("not JSON");
    if (!doc.is_object() || !doc.contains("files") || !doc["files"].is_array()) return bad("no \"files\" array");
    std::vector<context::FocusFile> focus;
    const auto& files = doc["files"];
    for (std::size_t k = 0; k < files.size(); ++k) {
        const auto& entry = files[k];
        const std::string where = "files[" + std::to_string(k) + "]";
        if (!entry.is_object() || !entry.contains("path") || !entry["path"].is_string()) return bad(where + ".path: missing or not a string");
        context::FocusFile file;
        file.path = entry["path"].get<std::string>();
        while (file.path.starts_with("./")) file.path.erase(0, 2);
        if (entry.contains("symbols")) {
            if (!entry["symbols"].is_array()) return bad(where + ".symbols: not an array");
            for (const auto& symbol : entry["symbols"]) {
                if (!symbol.is_string()) return bad(where + ".symbols: not all strings");
                file.symbols.push_back(symbol.get<std::string>());
            }
        }
        const bool repeated = std::any_of(focus.begin(), focus.end(), [&](const auto& f) { return f.path == file.path; });
        if (!known(file.path)) dropped.push_back(file.path);
        else if (!repeated && focus.size() < kMaxFocusFiles) focus.push_back(std::move(file));
    }
    return focus;
}

} // namespace oneshot::prompt
