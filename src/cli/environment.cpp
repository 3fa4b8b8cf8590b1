#include "cli/environment.hpp"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace oneshot::cli {

Lookup process_environment()
{
    return [](const std::string& key) -> std::optional<std::string> {
        const char* value = std::getenv(key.c_str());
        return value ? std::optional<std::string>(value) : std::nullopt;
    };
}

Lookup git_config_of(const repo::Repository& repository)
{
    return [&repository](const std::string& key) { return repository.config_string(key); };
}

Result<std::string> read_input(const std::string& path, std::size_t max_bytes, const std::string& what)
{
    std::string text;
    if (path == "-") {
        std::ostringstream buffer;
        buffer << std::cin.rdbuf();
        text = buffer.str();
    } else {
        std::ifstream in(path, std::ios::binary);
        if (!in) return make_error(ErrorKind::usage, "cannot read " + what + " '" + path + "'");
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    if (text.size() > max_bytes) {
        return make_error(ErrorKind::usage, what + " '" + path + "' is larger than " + std::to_string(max_bytes) + " bytes");
    }
    return text;
}

Result<std::string> read_task(const std::string& argument)
{
    if (argument != "-") return argument;
    return read_input("-", 1 << 20, "task");
}

} // namespace oneshot::cli
