#include "context/task_paths.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>

namespace oneshot::context {

namespace {

bool path_char(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' || c == '/';
}

// True if needle occurs in text with no path character right before or after it; a trailing dot
// ends a sentence ("see README.md."), so it does not count as part of the name.
bool occurs_as_word(std::string_view text, std::string_view needle)
{
    for (std::size_t pos = text.find(needle); pos != std::string_view::npos; pos = text.find(needle, pos + 1)) {
        const std::size_t end = pos + needle.size();
        const bool starts = pos == 0 || !path_char(text[pos - 1]) || (text[pos - 1] == '/' && needle.find('/') == std::string_view::npos);
        const bool ends = end == text.size() || !path_char(text[end]) ||
                          (text[end] == '.' && (end + 1 == text.size() || !path_char(text[end + 1])));
        if (starts && ends) return true;
    }
    return false;
}

std::string_view file_name(std::string_view path)
{
    const auto slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

} // namespace

std::vector<std::size_t> files_named_in(std::string_view task, const std::vector<TrackedFile>& files)
{
    std::vector<std::size_t> named;
    // By name: the shallowest files with that name, per name.
    std::unordered_map<std::string_view, std::vector<std::size_t>> by_name;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string_view path = files[i].path;
        if (path.find('/') != std::string_view::npos && occurs_as_word(task, path)) {
            named.push_back(i);
            continue;
        }
        const std::string_view name = file_name(path);
        const auto dot = name.find('.', 1);
        if (name.size() < 4 || dot == std::string_view::npos || name.back() == '.') continue;
        if (task.find(name) == std::string_view::npos || !occurs_as_word(task, name)) continue;
        by_name[name].push_back(i);
    }
    for (const auto& [name, candidates] : by_name) {
        const bool has_path_match = std::any_of(named.begin(), named.end(), [&](std::size_t i) { return file_name(files[i].path) == name; });
        if (has_path_match) continue;
        auto depth = [&](std::size_t i) { return std::count(files[i].path.begin(), files[i].path.end(), '/'); };
        const auto shallowest = depth(*std::min_element(candidates.begin(), candidates.end(), [&](auto a, auto b) { return depth(a) < depth(b); }));
        for (std::size_t i : candidates) {
            if (depth(i) == shallowest) named.push_back(i);
        }
    }
    std::sort(named.begin(), named.end());
    named.erase(std::unique(named.begin(), named.end()), named.end());
    return named;
}

} // namespace oneshot::context
