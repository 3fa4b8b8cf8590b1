// Definitions and references of one source file, found with the grammar's tags query (upstream
// tags.scm plus ours). The text predicates the tree-sitter C library leaves to its clients are
// evaluated here (query_predicates.hpp); each name node yields at most one tag.
#pragma once

#include "context/grammar_table.hpp"
#include "core/error.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace oneshot::context {

struct Definition {
    std::string name;
    std::string kind;      // "function", "method", "class", "type", "macro", "constant", ...
    int first_line = 0;    // 1-based inclusive lines of the whole definition (body included)
    int last_line = 0;
    int name_line = 0;     // where the name is; the outline's signature line
    std::string doc;       // the adjacent doc comment, comment markers stripped (may be empty)
};

struct Reference {
    std::string name;
    int line = 0;          // 1-based
};

struct FileTags {
    std::vector<Definition> definitions;   // in source order
    std::vector<Reference> references;     // in source order
};

// Parses `source` with the grammar and runs its tags query. Errors only when the grammar or query
// cannot be used; a file with syntax errors still yields the tags tree-sitter recovered.
Result<FileTags> extract_tags(const Grammar& grammar, std::string_view source);

} // namespace oneshot::context
