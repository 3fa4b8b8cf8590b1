// The edges the commands read settings from: the process environment, git config, stdin, files.
#pragma once

#include "cli/settings.hpp"
#include "core/error.hpp"
#include "repo/repository.hpp"

#include <string>

namespace oneshot::cli {

Lookup process_environment();
Lookup git_config_of(const repo::Repository& repository);

// The text of a file, or of stdin for "-"; refuses files over max_bytes (untrusted input).
Result<std::string> read_input(const std::string& path, std::size_t max_bytes, const std::string& what);

// The task as given on the command line, or read from stdin for "-".
Result<std::string> read_task(const std::string& argument);

} // namespace oneshot::cli
