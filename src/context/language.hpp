// Which compiled-in grammar parses a file, decided by its name alone.
#pragma once

#include "context/grammar_table.hpp"

#include <string_view>

namespace oneshot::context {

// The grammar for a repository path ("src/a.c", "web/App.tsx"), or nullptr when we parse no such files.
const Grammar* grammar_for_path(std::string_view path);

const Grammar* grammar_by_name(std::string_view name);

} // namespace oneshot::context
