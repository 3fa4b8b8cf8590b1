// The tree-sitter grammars compiled into the binary (generated from grammars/grammars.tsv).
#pragma once

#include <span>
#include <string_view>

struct TSLanguage;

namespace oneshot::context {

struct Grammar {
    std::string_view name;               // "c", "python", "tsx", ...
    const TSLanguage* (*language)();     // the grammar's entry point
    std::string_view tags_query;         // upstream tags.scm plus grammars/queries/<name>.scm
    std::string_view fingerprint;        // changes whenever the grammar or its query changes (cache key)
};

std::span<const Grammar> grammars();

} // namespace oneshot::context
