// Everything the ranking needs to know about one file, computed from its bytes alone (so it can be
// cached by blob id): its role, size, tokens, the identifier terms it contains, and the
// definitions and references tree-sitter finds in it.
#pragma once

#include "context/file_kind.hpp"
#include "context/tags.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oneshot::context {

// Files above this are only listed: they are data or generated far more often than hand-written.
inline constexpr std::uint64_t kHugeFileBytes = 1'000'000;

struct FileAnalysis {
    FileKind kind = FileKind::other;
    bool binary = false;                 // a NUL byte in the first 8000 bytes
    bool huge = false;                   // over kHugeFileBytes: never read for terms
    bool parsed = false;                 // tree-sitter tags were extracted
    int lines = 0;                       // counted as git diff counts them
    std::int64_t tokens = 0;             // count_tokens of the whole text
    std::vector<std::pair<std::string, int>> terms;   // term -> occurrences, sorted by term
    std::vector<Definition> definitions;
    std::vector<Reference> references;
};

bool looks_binary(std::string_view content);

// Lines as git diff counts them: split at '\n', a last line without '\n' counts.
int count_lines(std::string_view content);

// parse = false skips tree-sitter (the cheap prefilter pass on huge trees).
FileAnalysis analyze_file(std::string_view path, std::string_view content, bool parse = true);

} // namespace oneshot::context
