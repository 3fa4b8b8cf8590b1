#include "context/header_language.hpp"

#include "context/code_tokens.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fnmatch.h>

namespace oneshot::context {

namespace {

std::string_view base_name(std::string_view path)
{
    const auto slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

// Linguist's and editors' names for the languages we parse, lower-cased.
std::string grammar_for_language_name(std::string_view name)
{
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 22> kNames{{
        {"c", "c"}, {"c++", "cpp"}, {"cpp", "cpp"}, {"c++-mode", "cpp"}, {"c-mode", "c"}, {"cuda", "cpp"},
        {"python", "python"}, {"javascript", "javascript"}, {"js", "javascript"}, {"typescript", "typescript"},
        {"tsx", "tsx"}, {"go", "go"}, {"rust", "rust"}, {"java", "java"}, {"ruby", "ruby"}, {"c#", "csharp"},
        {"csharp", "csharp"}, {"shell", "bash"}, {"bash", "bash"}, {"sh", "bash"}, {"objc", ""}, {"objective-c", ""},
    }};
    const std::string key = lower_ascii(trim(name));
    for (const auto& [known, grammar] : kNames) {
        if (known == key) return std::string(grammar);
    }
    return {};
}

bool glob_matches(const std::string& pattern, const std::string& text, int flags)
{
    return ::fnmatch(pattern.c_str(), text.c_str(), flags) == 0;
}

// gitattributes matching: a pattern without a slash matches the name at any depth below its
// file's directory; with a slash, the path relative to it (a leading "**/" at any depth).
bool rule_matches(const LanguageRule& rule, std::string_view path)
{
    if (!rule.dir.empty()) {
        if (!path.starts_with(rule.dir) || path.size() <= rule.dir.size() || path[rule.dir.size()] != '/') return false;
        path.remove_prefix(rule.dir.size() + 1);
    }
    std::string pattern = rule.pattern;
    if (pattern.find('/') == std::string::npos) return glob_matches(pattern, std::string(base_name(path)), 0);
    if (pattern.front() == '/') pattern.erase(0, 1);
    if (pattern.starts_with("**/")) {
        const std::string rest = pattern.substr(3);
        if (glob_matches(rest, std::string(path), FNM_PATHNAME)) return true;
        for (auto at = path.find('/'); at != std::string_view::npos; at = path.find('/', at + 1)) {
            if (glob_matches(rest, std::string(path.substr(at + 1)), FNM_PATHNAME)) return true;
        }
        return false;
    }
    if (pattern.ends_with("/**")) return path.starts_with(pattern.substr(0, pattern.size() - 2));
    return glob_matches(pattern, std::string(path), FNM_PATHNAME);
}

std::vector<std::string_view> lines_of(std::string_view text)
{
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const auto end = text.find('\n');
        lines.push_back(text.substr(0, end));
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return lines;
}

// Emacs: "-*- C++ -*-" or "-*- mode: c++; ... -*-".
std::optional<std::string> emacs_mode(std::string_view line)
{
    const auto open = line.find("-*-");
    if (open == std::string_view::npos) return std::nullopt;
    const auto close = line.find("-*-", open + 3);
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view inside = trim(line.substr(open + 3, close - open - 3));
    const std::string lowered = lower_ascii(inside);
    if (const auto mode = lowered.find("mode:"); mode != std::string::npos) {
        inside = inside.substr(mode + 5);
        inside = trim(inside.substr(0, inside.find(';')));
    } else if (inside.find(':') != std::string_view::npos) {
        return std::nullopt;   // variables only, no mode
    }
    return grammar_for_language_name(inside);
}

// Vim: "vim: set ft=cpp:" or "vi: filetype=c".
std::optional<std::string> vim_mode(std::string_view line)
{
    for (const std::string_view marker : {"vim:", "vi:", "ex:"}) {
        const auto at = line.find(marker);
        if (at == std::string_view::npos || (at > 0 && !std::isspace(static_cast<unsigned char>(line[at - 1])))) continue;
        std::string_view rest = line.substr(at + marker.size());
        for (const std::string_view key : {"filetype=", "ft="}) {
            const auto k = rest.find(key);
            if (k == std::string_view::npos) continue;
            std::string_view value = rest.substr(k + key.size());
            value = value.substr(0, value.find_first_of(" \t:"));
            return grammar_for_language_name(value);
        }
    }
    return std::nullopt;
}

} // namespace

std::string lower_ascii(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string file_extension(std::string_view path)
{
    const std::string_view name = base_name(path);
    const auto dot = name.rfind('.');
    return dot == std::string_view::npos || dot == 0 ? std::string() : lower_ascii(name.substr(dot + 1));
}

void note_source_path(LanguageEvidence& evidence, std::string_view path)
{
    const std::string ext = file_extension(path);
    if (ext == "c") ++evidence.c_sources;
    else if (ext == "cc" || ext == "cpp" || ext == "cxx" || ext == "c++" || ext == "hpp" || ext == "hh" || ext == "hxx")
        ++evidence.cpp_sources;
}

void add_gitattributes(LanguageEvidence& evidence, std::string_view dir, std::string_view text)
{
    for (std::string_view line : lines_of(text)) {
        line = trim(line);
        if (line.empty() || line.front() == '#' || line.front() == '"' || line.front() == '!') continue;
        const auto space = line.find_first_of(" \t");
        if (space == std::string_view::npos) continue;
        const std::string_view pattern = line.substr(0, space);
        std::string_view attributes = line.substr(space);
        constexpr std::string_view kKey = "linguist-language=";
        std::size_t at = attributes.find(kKey);
        while (at != std::string_view::npos && at > 0 && !std::isspace(static_cast<unsigned char>(attributes[at - 1])))
            at = attributes.find(kKey, at + 1);
        if (at == std::string_view::npos) continue;
        std::string_view value = attributes.substr(at + kKey.size());
        value = value.substr(0, value.find_first_of(" \t"));
        evidence.rules.push_back({std::string(dir), std::string(pattern), grammar_for_language_name(value)});
    }
}

std::optional<std::string_view> gitattributes_dir(std::string_view path)
{
    if (base_name(path) != ".gitattributes") return std::nullopt;
    const auto slash = path.rfind('/');
    return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

void add_gitattributes_files(LanguageEvidence& evidence, std::vector<std::pair<std::string, std::string>> files)
{
    std::stable_sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
        return std::count(a.first.begin(), a.first.end(), '/') < std::count(b.first.begin(), b.first.end(), '/');
    });
    for (const auto& [path, text] : files) {
        if (auto dir = gitattributes_dir(path)) add_gitattributes(evidence, *dir, text);
    }
}

bool language_needs_evidence(std::string_view path)
{
    const std::string ext = file_extension(path);
    return ext == "h" || ext == "inc" || ext.empty();
}

std::optional<std::string> modeline_grammar(std::string_view content)
{
    const std::vector<std::string_view> lines = lines_of(content);
    constexpr std::size_t kEdge = 5;   // editors read modelines only near the top or the bottom
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i >= kEdge && i + kEdge < lines.size()) i = lines.size() - kEdge;
        if (auto mode = emacs_mode(lines[i])) return mode;
        if (auto mode = vim_mode(lines[i])) return mode;
    }
    return std::nullopt;
}

bool has_cpp_constructs(std::string_view content)
{
    // The first 64 KiB hold a header's declarations; scanning all of a huge file buys nothing.
    const std::vector<std::string_view> t = code_tokens(content.substr(0, 64 * 1024), 200'000, true);
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto next = [&](std::size_t k) { return i + k < t.size() ? t[i + k] : std::string_view(); };
        if (t[i] == "::") return true;
        // Keywords of C++ only, never C names in practice.
        for (std::string_view k : {"nullptr", "constexpr", "noexcept", "static_cast", "reinterpret_cast", "const_cast",
                                   "dynamic_cast", "decltype", "typename", "virtual"}) {
            if (t[i] == k) return true;
        }
        if (t[i] == "template" && next(1) == "<") return true;
        if (t[i] == "namespace" && (next(1) == "{" || (is_identifier_token(next(1)) && (next(2) == "{" || next(2) == "::" || next(2) == "="))))
            return true;
        if (t[i] == "class" && is_identifier_token(next(1)) && (next(2) == "{" || next(2) == ":" || next(2) == "final")) return true;
        if ((t[i] == "public" || t[i] == "private" || t[i] == "protected") && next(1) == ":" && (i == 0 || t[i - 1] == "{" || t[i - 1] == ";" || t[i - 1] == "}"))
            return true;
    }
    return false;
}

std::optional<std::string> header_grammar(std::string_view path, std::optional<std::string_view> content,
                                          const LanguageEvidence& evidence)
{
    // The last matching rule wins, as in git; rules are kept in file order, shallower files first.
    const LanguageRule* rule = nullptr;
    for (const LanguageRule& r : evidence.rules) {
        if (rule_matches(r, path)) rule = &r;
    }
    if (rule) return rule->grammar;
    if (content) {
        if (auto mode = modeline_grammar(*content)) return mode;
    }
    const std::string ext = file_extension(path);
    if (ext.empty()) return std::nullopt;   // an extensionless file is C++ only when something says so
    if (content && has_cpp_constructs(*content)) return "cpp";
    const bool c_family_repo = evidence.c_sources + evidence.cpp_sources > 0;
    if (evidence.cpp_sources > 0 && evidence.c_sources == 0) return "cpp";
    if (ext == "h" || c_family_repo) return "c";
    return std::nullopt;   // a .inc with no C or C++ around it: PHP, Pascal, assembly, ...
}

} // namespace oneshot::context
