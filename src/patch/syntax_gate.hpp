// The syntax gate: a changed file in a language we parse is re-parsed with tree-sitter, and syntax
// errors (ERROR and MISSING nodes) that the base version did not have are reported with line
// numbers, so that a broken edit goes back to the model before any test runs. Pure: bytes in,
// report out.
//
// It must never refuse code the project's compiler accepts, so:
// - a problem is "new" only when its construct (the macro or call it sits on, else its token
//   shape) does not already occur among the base's problems: the text around it may differ;
// - in C and C++, whose grammars know no macros (and miss some C++), only what is broken for any
//   reader is refused (patch/lexical_defects.hpp: an unbalanced bracket, an unterminated string or
//   comment, an "=" with nothing after it, a file cut short); the parser's new problems are
//   "tolerated": not refused, kept for a repair prompt should the tests fail.
#pragma once

#include "context/header_language.hpp"
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
    std::string what;         // "syntax error", "missing \";\"", "unclosed \"{\"", "unterminated string", ...
    std::string construct;    // where: the grammar's node ("function_definition"), "end of file", ...
    std::string source_line;  // the new text's line, trimmed and cut short
};

struct SyntaxReport {
    std::string path;
    std::string language;     // empty: no grammar for this file, nothing checked
    std::vector<SyntaxProblem> new_problems;   // refused
    std::vector<SyntaxProblem> tolerated;      // new to the C/C++ parser, which may be wrong about them
    bool ok() const { return new_problems.empty(); }
};

// old_bytes: the base version (nullopt for a new file, whose every problem is new). evidence
// decides the grammar of .h, .inc and extensionless files (context/header_language.hpp).
SyntaxReport check_syntax(std::string_view path, std::optional<std::string_view> old_bytes, std::string_view new_bytes,
                          const context::LanguageEvidence& evidence = {});

// True when a file of the patch needs the repository's evidence to be given a grammar.
bool patch_needs_language_evidence(const ResolvedPatch& patch);

// Every written file of a resolved patch against its base version (a renamed file against the file
// it came from); reports only files with new or tolerated problems.
Result<std::vector<SyntaxReport>> check_patch_syntax(const ResolvedPatch& patch, const BaseFiles& base,
                                                     const context::LanguageEvidence& evidence = {});

// True when any report refuses its file.
bool any_refused(const std::vector<SyntaxReport>& reports);

// Text for a repair prompt or an error's detail: one line per problem,
// "path:line:column: what in construct (language) | code". tolerated: list those instead.
std::string format_syntax_reports(const std::vector<SyntaxReport>& reports, std::size_t max_problems = 20, bool tolerated = false);

} // namespace oneshot::patch
