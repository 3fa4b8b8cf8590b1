// The syntax gate: a changed file in a language we parse is re-parsed with tree-sitter, and syntax
// errors (ERROR and MISSING nodes) that the base version did not have are reported with line
// numbers, so that a broken edit goes back to the model before any test runs. Pure: bytes in,
// report out.
#pragma once

#include "core/error.hpp"
#include "patch/base_files.hpp"
#include "patch/resolved.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oneshot::patch {

struct SyntaxProblem {
    std::size_t line = 0;     // 1-based, in the new text
    std::size_t column = 0;   // 1-based byte column
    std::string what;         // "syntax error" or "missing \";\""
    std::string source_line;  // the new text's line, trimmed and cut short
};

struct SyntaxReport {
    std::string path;
    std::string language;     // empty: no grammar for this file, nothing checked
    std::vector<SyntaxProblem> new_problems;
    bool ok() const { return new_problems.empty(); }
};

// old_bytes: the base version (nullopt for a new file, whose every problem is new).
SyntaxReport check_syntax(std::string_view path, std::optional<std::string_view> old_bytes, std::string_view new_bytes);

// Every written file of a resolved patch against its base version (a renamed file against the file
// it came from); reports only files with new problems.
Result<std::vector<SyntaxReport>> check_patch_syntax(const ResolvedPatch& patch, const BaseFiles& base);

// Text for a repair prompt or an error's detail: one line per problem, "path:line:column: what | code".
std::string format_syntax_reports(const std::vector<SyntaxReport>& reports, std::size_t max_problems = 20);

} // namespace oneshot::patch
