#include "context/language.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

namespace oneshot::context {

namespace {

// Extensions (lower-case, without the dot) and the grammar that parses them. A C++ header that is
// really C parses fine with the C++ grammar; plain .h is taken as C when nothing else is known
// (grammar_for_file weighs the evidence).
constexpr std::array<std::pair<std::string_view, std::string_view>, 33> kExtensions{{
    {"c", "c"}, {"h", "c"},
    {"cc", "cpp"}, {"cpp", "cpp"}, {"cxx", "cpp"}, {"c++", "cpp"}, {"hh", "cpp"}, {"hpp", "cpp"},
    {"hxx", "cpp"}, {"h++", "cpp"}, {"ipp", "cpp"}, {"tpp", "cpp"},
    {"py", "python"}, {"pyi", "python"},
    {"js", "javascript"}, {"mjs", "javascript"}, {"cjs", "javascript"}, {"jsx", "javascript"},
    {"ts", "typescript"}, {"mts", "typescript"}, {"cts", "typescript"}, {"tsx", "tsx"},
    {"go", "go"}, {"rs", "rust"}, {"java", "java"},
    {"rb", "ruby"}, {"rake", "ruby"}, {"gemspec", "ruby"},
    {"cs", "csharp"},
    {"sh", "bash"}, {"bash", "bash"}, {"bats", "bash"}, {"zsh", "bash"},
}};

} // namespace

const Grammar* grammar_by_name(std::string_view name)
{
    for (const Grammar& grammar : grammars()) {
        if (grammar.name == name) return &grammar;
    }
    return nullptr;
}

const Grammar* grammar_for_path(std::string_view path)
{
    const auto slash = path.rfind('/');
    const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    if (name == "Rakefile" || name == "Gemfile") return grammar_by_name("ruby");
    const std::string extension = file_extension(name);
    if (extension.empty()) return nullptr;
    for (const auto& [ext, grammar] : kExtensions) {
        if (ext == extension) return grammar_by_name(grammar);
    }
    return nullptr;
}

const Grammar* grammar_for_file(std::string_view path, std::optional<std::string_view> content, const LanguageEvidence& evidence)
{
    if (!language_needs_evidence(path)) return grammar_for_path(path);
    if (auto decided = header_grammar(path, content, evidence)) return decided->empty() ? nullptr : grammar_by_name(*decided);
    return grammar_for_path(path);   // Rakefile, Gemfile
}

} // namespace oneshot::context
