// Which compiled-in grammar parses a file: by its name, and for names that do not settle it
// (.h, .inc, no extension) by the evidence of context/header_language.hpp.
#pragma once

#include "context/grammar_table.hpp"
#include "context/header_language.hpp"

#include <optional>
#include <string_view>

namespace oneshot::context {

// The grammar for a repository path ("src/a.c", "web/App.tsx"), or nullptr when we parse no such files.
const Grammar* grammar_for_path(std::string_view path);

const Grammar* grammar_by_name(std::string_view name);

// The grammar for a file, with the repository's evidence and, when known, the file's bytes:
// every reader of a file's syntax (the syntax gate, tags and outlines) decides through here.
const Grammar* grammar_for_file(std::string_view path, std::optional<std::string_view> content, const LanguageEvidence& evidence);

} // namespace oneshot::context
