// Which grammar reads a file whose name does not settle its language: a `.h` is C in jq and C++ in
// leveldb, a `.inc` is C in one project and PHP in another, and libstdc++'s headers have no
// extension at all. Decided by evidence, strongest first: the repository's .gitattributes
// (linguist-language), the file's own modeline, C++-only constructs in the file, and the
// repository's other sources. Pure: the syntax gate and the context engine both call it, so a
// header is read with the same grammar for its outline as for the gate.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oneshot::context {

// One `pattern linguist-language=NAME` line of a .gitattributes file (NAME mapped to a grammar).
struct LanguageRule {
    std::string dir;       // the .gitattributes file's directory, "" for the root; patterns are relative to it
    std::string pattern;
    std::string grammar;   // "c", "cpp", ...; empty when the rule names a language we do not parse
};

// What the repository says, gathered once per tree.
struct LanguageEvidence {
    std::size_t c_sources = 0;     // *.c
    std::size_t cpp_sources = 0;   // *.cc, *.cpp, *.cxx, *.c++, *.hpp, *.hh, *.hxx
    std::vector<LanguageRule> rules;
};

// ASCII lower case, for names and extensions compared without case.
std::string lower_ascii(std::string_view text);

// The lower-cased extension of a path's name without the dot; "" when it has none (a leading dot
// is a hidden file, not an extension).
std::string file_extension(std::string_view path);

// Counts one tracked path into the evidence.
void note_source_path(LanguageEvidence& evidence, std::string_view path);

// Adds the linguist-language rules of one .gitattributes file (at dir/.gitattributes). Untrusted
// text: malformed lines are skipped.
void add_gitattributes(LanguageEvidence& evidence, std::string_view dir, std::string_view text);

// The directory of a .gitattributes file ("" at the root), nullopt for any other path.
std::optional<std::string_view> gitattributes_dir(std::string_view path);

// Adds the rules of a tree's .gitattributes files (path, text), in git's order: shallower files
// first, so that a deeper one overrides its parents.
void add_gitattributes_files(LanguageEvidence& evidence, std::vector<std::pair<std::string, std::string>> files);

// True when the path's name alone does not settle its grammar: .h, .inc, or no extension.
bool language_needs_evidence(std::string_view path);

// The grammar name for such a path ("c" or "cpp"), or nullopt when nothing says it is C-family
// source. content: the file's bytes when known (nullopt: decide from the repository alone).
std::optional<std::string> header_grammar(std::string_view path, std::optional<std::string_view> content,
                                          const LanguageEvidence& evidence);

// The language a modeline in the first or last lines names ("cpp", "c"), if any.
std::optional<std::string> modeline_grammar(std::string_view content);

// True when the text (comments and strings skipped) has a construct only C++ has: a template,
// a namespace block, a class body or base list, an access specifier, a scope operator `::`, a
// C++-only keyword (nullptr, constexpr, noexcept, the casts, decltype, typename, virtual).
bool has_cpp_constructs(std::string_view content);

} // namespace oneshot::context
