#include "batch/task_file.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace oneshot::batch {

using nlohmann::json;

namespace {

Result<std::string> string_field(const json& object, const char* key, bool required)
{
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        if (required) return make_error(ErrorKind::usage, std::string("\"") + key + "\" is missing");
        return std::string();
    }
    if (!it->is_string()) return make_error(ErrorKind::usage, std::string("\"") + key + "\" must be a string");
    return it->get<std::string>();
}

Result<BatchTask> parse_line(std::string_view line, const std::filesystem::path& base_dir)
{
    json object = json::parse(line, nullptr, false);
    if (object.is_discarded()) return make_error(ErrorKind::usage, "not valid JSON");
    if (!object.is_object()) return make_error(ErrorKind::usage, "not a JSON object");
    for (const auto& item : object.items()) {
        const std::string& key = item.key();
        if (key != "id" && key != "task" && key != "repo" && key != "branch" && key != "include") {
            return make_error(ErrorKind::usage, "unknown key \"" + key + "\" (expected id, task, repo, branch, include)");
        }
    }
    BatchTask task;
    auto id = string_field(object, "id", true);
    if (!id) return id.take_error();
    if (id->empty()) return make_error(ErrorKind::usage, "\"id\" is empty");
    task.id = *id;
    auto text = string_field(object, "task", true);
    if (!text) return text.take_error();
    if (text->find_first_not_of(" \t\r\n") == std::string::npos) return make_error(ErrorKind::usage, "\"task\" is empty");
    task.task = *text;
    auto repo = string_field(object, "repo", false);
    if (!repo) return repo.take_error();
    task.repo = (base_dir / *repo).lexically_normal();
    auto branch = string_field(object, "branch", false);
    if (!branch) return branch.take_error();
    task.branch = *branch;
    if (auto include = object.find("include"); include != object.end() && !include->is_null()) {
        if (!include->is_array()) return make_error(ErrorKind::usage, "\"include\" must be a list of paths");
        for (const auto& path : *include) {
            if (!path.is_string()) return make_error(ErrorKind::usage, "\"include\" must be a list of paths");
            task.include.push_back(path.get<std::string>());
        }
    }
    return task;
}

} // namespace

Result<std::vector<BatchTask>> parse_tasks(std::string_view text, const std::filesystem::path& base_dir,
                                           const std::string& file_name)
{
    std::vector<BatchTask> tasks;
    std::map<std::string, int> line_of_id;
    int line_number = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        const auto first = line.find_first_not_of(" \t");
        if (first == std::string_view::npos || line[first] == '#') continue;
        const std::string where = file_name + " line " + std::to_string(line_number) + ": ";
        auto task = parse_line(line, base_dir);
        if (!task) return make_error(ErrorKind::usage, where + task.error().message);
        if (auto [it, fresh] = line_of_id.emplace(task->id, line_number); !fresh) {
            return make_error(ErrorKind::usage, where + "id \"" + task->id + "\" was already used on line " + std::to_string(it->second));
        }
        task->line = line_number;
        tasks.push_back(std::move(*task));
    }
    if (tasks.empty()) return make_error(ErrorKind::usage, file_name + " has no tasks");
    return tasks;
}

} // namespace oneshot::batch
