// Everything the ranking needs to know about one file, computed from its bytes alone (so it can be
// cached by blob id): its role, size, tokens, the identifier terms it contains, and the
// definitions and references tree-sitter finds in it.
#pragma once

#include "context/file_kind.hpp"
#include "context/header_language.hpp"
#include "context/tags.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oneshot::context {

// Files above this are only listed: they are data or generated far more often than hand-written.
inline constexpr std::uint64_t kHugeFileBytes = 1'000'000;

struct SymbolRef {
    std::uint32_t name = 0;   // name_key of the referenced name
    int line = 0;             // 1-based
};

struct FileAnalysis {
    FileKind kind = FileKind::other;
    bool binary = false;                 // a NUL byte in the first 8000 bytes
    bool huge = false;                   // over kHugeFileBytes: never read for terms
    bool parsed = false;                 // tree-sitter tags were extracted
    bool generated_banner = false;       // the first KiB says the file is generated
    int lines = 0;                       // counted as git diff counts them
    std::int64_t tokens = 0;             // estimated from the size (packing counts exactly what it shows)
    std::vector<std::pair<std::uint32_t, std::uint32_t>> terms;   // hash32(term) -> occurrences, sorted
    std::uint32_t term_total = 0;                                 // occurrences of all terms
    std::vector<Definition> definitions;                          // without doc text
    std::vector<SymbolRef> references;
};

bool looks_binary(std::string_view content);

// Lines as git diff counts them: split at '\n', a last line without '\n' counts.
int count_lines(std::string_view content);

// Occurrences of a term in the file (0 when absent).
std::uint32_t term_count(const FileAnalysis& analysis, std::uint32_t term_hash);

// Drops every term not in keep (sorted hashes): what ranking never looks up.
void keep_only_terms(FileAnalysis& analysis, const std::vector<std::uint32_t>& keep);

// The role of a file with this analysis at this path (the analysis itself is path-free).
FileKind kind_at(std::string_view path, const FileAnalysis& analysis);

// parse = false skips tree-sitter (the cheap prefilter pass on huge trees).
// evidence: the repository's, for the grammar of .h, .inc and extensionless files (none: the
// file's own content decides, else C).
FileAnalysis analyze_file(std::string_view path, std::string_view content, bool parse = true,
                          const LanguageEvidence* evidence = nullptr);

} // namespace oneshot::context
