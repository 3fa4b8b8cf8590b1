// Does the syntax gate still catch real breakage? Takes real files of real repositories, breaks
// each in four ways a model's answer breaks (a deleted closing brace, a string cut short, a
// half-written statement, a file truncated mid-construct) and counts how often check_syntax
// refuses the broken version against the original, by language. Built with ONESHOT_BENCH=ON.
// Usage: gate_corpus [--files N] DIR... (each a checkout of a repository, e.g. from
// `git archive HEAD | tar -x`; N files per language per checkout, default 40). The grammar of each
// file is decided as a run decides it (the checkout's sources and .gitattributes). Prints a table;
// exits 1 when a language is refused below 95%.
#include "context/language.hpp"
#include "patch/syntax_gate.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using namespace oneshot;

namespace {

using Mutation = std::function<std::optional<std::string>(const std::string& text, std::string_view language, std::size_t pick)>;

struct Line {
    std::size_t begin, end;   // bytes, end excludes the newline
};

std::vector<Line> lines_of(const std::string& text)
{
    std::vector<Line> lines;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto nl = text.find('\n', at);
        const std::size_t end = nl == std::string::npos ? text.size() : nl;
        lines.push_back({at, end});
        at = end + 1;
    }
    return lines;
}

std::string_view trimmed(const std::string& text, Line l)
{
    std::string_view s(text.data() + l.begin, l.end - l.begin);
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool comment_like(std::string_view s)
{
    return s.empty() || s.starts_with("//") || s.starts_with("#") || s.starts_with("*") || s.starts_with("/*") ||
           s.starts_with("\"\"\"") || s.starts_with("'''");
}

// Which lines are code from start to end: not inside a block comment, a multi-line string
// (Python's triple quotes, Go's and JavaScript's backticks) or a continued preprocessor line.
// Breaking text there breaks nothing, so such lines are never chosen.
std::vector<bool> code_lines(const std::string& text, std::string_view language)
{
    const auto lines = lines_of(text);
    std::vector<bool> code(lines.size(), true);
    const bool c_comments = language != "python" && language != "ruby" && language != "bash";
    const bool backticks = language == "go" || language == "javascript" || language == "typescript" || language == "tsx";
    std::string_view close;   // what ends the construct we are in; empty: in code
    bool continued = false;   // the previous line was a preprocessor line ending with a backslash
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string_view line(text.data() + lines[i].begin, lines[i].end - lines[i].begin);
        if (!close.empty() || continued) code[i] = false;
        continued = c_comments && (continued || trimmed(text, lines[i]).starts_with("#")) && line.ends_with("\\");
        for (std::size_t k = 0; k < line.size(); ++k) {
            if (!close.empty()) {
                if (line.compare(k, close.size(), close) == 0) {
                    k += close.size() - 1;
                    close = {};
                }
                continue;
            }
            if (c_comments && line.compare(k, 2, "/*") == 0) close = "*/";
            else if (language == "python" && (line.compare(k, 3, R"(""")") == 0 || line.compare(k, 3, "'''") == 0)) close = line.substr(k, 3);
            else if (backticks && line[k] == '`') close = "`";
            else continue;
            k += close.size() == 1 ? 0 : close.size() - 1;
            code[i] = false;
        }
        if (!close.empty()) code[i] = false;
    }
    return code;
}

bool braces(std::string_view language)
{
    return language != "python" && language != "ruby" && language != "bash";
}

// Candidates are lines; `pick` chooses one deterministically.
std::optional<std::size_t> choose(const std::vector<std::size_t>& candidates, std::size_t pick)
{
    if (candidates.empty()) return std::nullopt;
    return candidates[pick % candidates.size()];
}

std::optional<std::string> delete_closer(const std::string& text, std::string_view language, std::size_t pick)
{
    const auto lines = lines_of(text);
    const auto code = code_lines(text, language);
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!code[i]) continue;
        const std::string_view t = trimmed(text, lines[i]);
        if (braces(language) ? t.starts_with("}")
            : language == "python" ? (t == ")" || t == "]" || t == "}" || t == "),")
            : language == "ruby" ? t == "end" : (t == "fi" || t == "done" || t == "esac" || t == "}"))
            candidates.push_back(i);
    }
    const auto line = choose(candidates, pick);
    if (!line) return std::nullopt;
    std::string out = text;
    const std::size_t at = static_cast<std::size_t>(trimmed(text, lines[*line]).data() - text.data());
    const bool whole_word = language == "ruby" || language == "bash";
    out.erase(at, whole_word ? trimmed(text, lines[*line]).size() : 1);
    return out;
}

std::optional<std::string> cut_string(const std::string& text, std::string_view language, std::size_t pick)
{
    const auto lines = lines_of(text);
    const auto code = code_lines(text, language);
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string_view t = trimmed(text, lines[i]);
        const auto open = t.find('"');
        if (!code[i] || comment_like(t) || open == std::string_view::npos || t.find('\\') != std::string_view::npos) continue;
        // The line's first quote must open a string: no comment or other kind of quote before it.
        const std::string_view before = t.substr(0, open);
        if (before.find_first_of("'`#") != std::string_view::npos || before.find("//") != std::string_view::npos || before.find("/*") != std::string_view::npos)
            continue;
        const auto close = t.find('"', open + 1);
        if (close != std::string_view::npos && close - open >= 5) candidates.push_back(i);
    }
    const auto line = choose(candidates, pick);
    if (!line) return std::nullopt;
    const std::string_view t = trimmed(text, lines[*line]);
    const std::size_t open = static_cast<std::size_t>(t.data() - text.data()) + t.find('"');
    const std::size_t close = text.find('"', open + 1);
    std::string out = text;
    out.erase(open + (close - open) / 2 + 1, lines[*line].end - (open + (close - open) / 2 + 1));
    return out;
}

// Broken by construction in every language: "x = ;" where statements end with ";", "x =" then
// end of line in Python, "x =" before a line that cannot continue an expression in Go, an
// unclosed "$(" in shell.
std::optional<std::string> half_statement(const std::string& text, std::string_view language, std::size_t pick)
{
    const auto lines = lines_of(text);
    const auto next_starts_statement = [&](std::size_t i) {
        for (std::size_t j = i + 1; j < lines.size(); ++j) {
            const std::string_view t = trimmed(text, lines[j]);
            if (t.empty() || t.starts_with("//")) continue;
            for (std::string_view k : {"}", "return", "if ", "for ", "var ", "defer ", "switch "}) {
                if (t.starts_with(k)) return true;
            }
            return false;
        }
        return false;
    };
    const auto code = code_lines(text, language);
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string_view t = trimmed(text, lines[i]);
        if (!code[i] || comment_like(t)) continue;
        const bool ok = language == "bash"     ? t.find("$(") != std::string_view::npos
                        : language == "python" ? t.find(" = ") != std::string_view::npos && !t.ends_with(",") && !t.ends_with("(")
                        : language == "go"     ? t.find(" = ") != std::string_view::npos && next_starts_statement(i)
                                               : t.find(" = ") != std::string_view::npos && t.ends_with(";");
        if (ok) candidates.push_back(i);
    }
    const auto line = choose(candidates, pick);
    if (!line) return std::nullopt;
    const std::string_view t = trimmed(text, lines[*line]);
    const std::size_t start = static_cast<std::size_t>(t.data() - text.data());
    std::string out = text;
    if (language == "bash") {
        const std::size_t cut = start + t.find("$(") + 2;
        out.erase(cut, lines[*line].end - cut);
    } else {
        const std::size_t cut = start + t.find(" = ") + 2;
        const bool semicolon = language != "python" && language != "go";
        out.replace(cut, start + t.size() - cut, semicolon ? " ;" : "");
    }
    return out;
}

std::optional<std::string> truncate_file(const std::string& text, std::string_view language, std::size_t pick)
{
    const auto lines = lines_of(text);
    const auto code = code_lines(text, language);
    std::vector<std::size_t> candidates;
    for (std::size_t i = lines.size() / 2; i < lines.size(); ++i) {
        const std::string_view t = trimmed(text, lines[i]);
        if (code[i] && !comment_like(t) && t.find('(') != std::string_view::npos && t.find_first_of("\"'`") == std::string_view::npos) candidates.push_back(i);
    }
    const auto line = choose(candidates, pick);
    if (!line) return std::nullopt;
    return text.substr(0, text.find('(', lines[*line].begin) + 1);
}

struct Tally {
    std::array<std::size_t, 4> refused{};
    std::array<std::size_t, 4> total{};
    std::size_t files = 0;
};

std::optional<std::string> slurp(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

struct Source {
    std::string path;   // relative to the checkout, '/'-separated
    std::string text;
};

// The checkout's parsable files of a reasonable size, sorted by path, and its evidence.
std::map<std::string, std::vector<Source>> sources_by_language(const std::filesystem::path& root, context::LanguageEvidence& evidence)
{
    std::vector<std::pair<std::string, std::filesystem::path>> files;
    for (auto it = std::filesystem::recursive_directory_iterator(root); it != std::filesystem::recursive_directory_iterator(); ++it) {
        if (it->is_directory() && it->path().filename() == ".git") {
            it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file()) files.emplace_back(std::filesystem::relative(it->path(), root).generic_string(), it->path());
    }
    std::sort(files.begin(), files.end());
    std::vector<std::pair<std::string, std::string>> attributes;
    for (const auto& [path, full] : files) {
        context::note_source_path(evidence, path);
        if (context::gitattributes_dir(path)) {
            if (auto text = slurp(full)) attributes.emplace_back(path, std::move(*text));
        }
    }
    context::add_gitattributes_files(evidence, std::move(attributes));
    std::map<std::string, std::vector<Source>> out;
    for (const auto& [path, full] : files) {
        const auto size = std::filesystem::file_size(full);
        if (size < 400 || size > 100'000) continue;
        auto text = slurp(full);
        if (!text) continue;
        if (const context::Grammar* g = context::grammar_for_file(path, *text, evidence)) out[std::string(g->name)].push_back({path, std::move(*text)});
    }
    return out;
}

std::size_t fnv(std::string_view s)
{
    std::size_t h = 1469598103934665603ull;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return h;
}

} // namespace

int main(int argc, char** argv)
{
    std::size_t per_language = 40;
    std::vector<std::string> repos;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--files" && i + 1 < argc) per_language = static_cast<std::size_t>(std::atoi(argv[++i]));
        else repos.push_back(arg);
    }
    if (repos.empty()) {
        std::fprintf(stderr, "usage: gate_corpus [--files N] DIR...\n");
        return 2;
    }
    const std::array<Mutation, 4> mutations{delete_closer, cut_string, half_statement, truncate_file};
    const std::array<const char*, 4> names{"closing brace", "cut string", "half statement", "truncated"};
    std::map<std::string, Tally> table;
    for (const std::string& dir : repos) {
        context::LanguageEvidence evidence;
        const auto by_language = sources_by_language(dir, evidence);
        for (const auto& [language, files] : by_language) {
            const std::size_t step = std::max<std::size_t>(1, files.size() / per_language);
            for (std::size_t k = 0; k < files.size() && k / step < per_language; k += step) {
                const Source& f = files[k];
                Tally& t = table[language];
                ++t.files;
                for (std::size_t m = 0; m < mutations.size(); ++m) {
                    auto broken = mutations[m](f.text, language, fnv(f.path) + m);
                    if (!broken || *broken == f.text) continue;
                    ++t.total[m];
                    const auto report = patch::check_syntax(f.path, f.text, *broken, evidence);
                    if (!report.ok()) ++t.refused[m];
                    else if (std::getenv("GATE_CORPUS_VERBOSE")) std::fprintf(stderr, "passed: %s %s/%s (%s)\n", names[m], dir.c_str(), f.path.c_str(), language.c_str());
                }
            }
        }
    }
    std::printf("%-11s %5s", "language", "files");
    for (const char* n : names) std::printf("  %16s", n);
    std::printf("  %14s\n", "all");
    bool below = false;
    for (const auto& [language, t] : table) {
        std::printf("%-11s %5zu", language.c_str(), t.files);
        std::size_t r = 0, n = 0;
        for (std::size_t m = 0; m < 4; ++m) {
            std::printf("  %7zu/%-4zu%4.0f%%", t.refused[m], t.total[m], t.total[m] ? 100.0 * static_cast<double>(t.refused[m]) / static_cast<double>(t.total[m]) : 0.0);
            r += t.refused[m];
            n += t.total[m];
        }
        const double share = n ? 100.0 * static_cast<double>(r) / static_cast<double>(n) : 0.0;
        std::printf("  %5zu/%-4zu%4.1f%%\n", r, n, share);
        below = below || share < 95.0;
    }
    return below ? 1 : 0;
}
