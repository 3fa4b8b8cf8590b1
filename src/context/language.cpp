#include "context/language.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <utility>

namespace oneshot::context {

namespace {

// Extensions (lower-case, without the dot) and the grammar that parses them. A C++ header that is
// really C parses fine with the C++ grammar; plain .h is taken as C, the commoner case.
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

std::string lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

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
    const auto dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return nullptr;
    const std::string extension = lower(name.substr(dot + 1));
    for (const auto& [ext, grammar] : kExtensions) {
        if (ext == extension) return grammar_by_name(grammar);
    }
    return nullptr;
}

} // namespace oneshot::context
