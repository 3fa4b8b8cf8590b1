#include "patch/syntax_gate.hpp"

#include "context/code_tokens.hpp"
#include "context/language.hpp"
#include "context/ts_handles.hpp"
#include "core/utf8.hpp"
#include "patch/lexical_defects.hpp"
#include "patch/text.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

namespace oneshot::patch {

namespace {

using context::TsParser;
using context::TsTree;

// A parse that runs longer than this is abandoned: the gate then reports nothing for the file
// rather than stall a run (tree-sitter parses several MB/s, so only pathological input gets here).
constexpr std::uint64_t parse_timeout_micros = 5'000'000;
constexpr std::size_t max_reported_per_file = 50;
// How much of the text around a problem names its construct: its line and the next two (a macro
// call's block starts on the next line).
constexpr std::size_t kRegionLinesAfter = 2;
constexpr std::size_t kRegionTokens = 64;

struct Found {
    SyntaxProblem problem;
    std::string shape;   // what the problem is, independent of where: matched against the base's
};

std::string cut(std::string_view text, std::size_t max)
{
    return utf8_truncate(text, max);
}

bool is_c_family(std::string_view language)
{
    return language == "c" || language == "cpp";
}

// Names the text #defines: a problem sitting on one of them is the grammar not knowing a macro.
std::set<std::string, std::less<>> defined_macros(std::string_view text)
{
    std::set<std::string, std::less<>> names;
    for (std::string_view line : split_plain_lines(text)) {
        line = trim_ws(line);
        if (!line.starts_with('#')) continue;
        line = trim_ws(line.substr(1));
        if (!line.starts_with("define")) continue;
        line = trim_ws(line.substr(6));
        std::size_t n = 0;
        while (n < line.size() && (std::isalnum(static_cast<unsigned char>(line[n])) || line[n] == '_')) ++n;
        if (n > 0) names.emplace(line.substr(0, n));
    }
    return names;
}

// By convention macros are upper case (UNUSED, LIBM_DA) or reserved (__must_check).
bool macro_like_name(std::string_view token, const std::set<std::string, std::less<>>& defined)
{
    if (!context::is_identifier_token(token)) return false;
    if (defined.contains(token) || token.starts_with("__")) return true;
    const bool has_upper = std::any_of(token.begin(), token.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
    const bool has_lower = std::any_of(token.begin(), token.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
    return token.size() >= 2 && has_upper && !has_lower;
}

bool is_control_keyword(std::string_view token)
{
    for (std::string_view k : {"if", "for", "while", "switch", "catch", "sizeof", "return", "do", "else", "alignof", "decltype"}) {
        if (token == k) return true;
    }
    return false;
}

// The construct a problem sits on, as a key independent of the names around it: macro-like names
// where only a macro can stand (before "(", next to another name, before a block; a constant
// like NULL in an expression does not count), else a call followed by a block (a for-each
// macro), else the call, else the token shape.
std::string construct_of(std::string_view region, const std::set<std::string, std::less<>>& defined)
{
    const std::vector<std::string_view> t = context::code_tokens(region, kRegionTokens, false);
    std::set<std::string_view> anchors;
    std::string_view callee, block_callee;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!context::is_identifier_token(t[i])) continue;
        const std::string_view next = i + 1 < t.size() ? t[i + 1] : std::string_view();
        const std::string_view prev = i > 0 ? t[i - 1] : std::string_view();
        const bool macro_place = next == "(" || next == "{" || context::is_identifier_token(next) ||
                                 context::is_identifier_token(prev) || prev == ")" || prev == "*";
        if (macro_place && macro_like_name(t[i], defined)) anchors.insert(t[i]);
        if (next != "(" || is_control_keyword(t[i])) continue;
        if (callee.empty()) callee = t[i];
        int depth = 0;
        for (std::size_t j = i + 1; j < t.size(); ++j) {
            depth += t[j] == "(" ? 1 : t[j] == ")" ? -1 : 0;
            if (depth != 0) continue;
            if (j + 1 < t.size() && t[j + 1] == "{" && block_callee.empty()) block_callee = t[i];
            break;
        }
    }
    std::string key;
    if (!anchors.empty()) {
        for (std::string_view a : anchors) key += std::string(a) + " ";
    } else if (!block_callee.empty()) {
        key = std::string(block_callee) + "(...) {";
    } else if (!callee.empty()) {
        key = std::string(callee) + "(...)";
    } else {
        for (std::string_view token : t) key += context::is_identifier_token(token) ? "a" : std::string(token);
    }
    return key;
}

std::string_view region_at(const std::vector<std::string_view>& lines, std::string_view text, std::size_t row)
{
    if (row >= lines.size()) return {};
    const std::size_t first = row;
    const std::size_t last = std::min(lines.size() - 1, row + kRegionLinesAfter);
    const char* begin = lines[first].data();
    const char* end = lines[last].data() + lines[last].size();
    return text.substr(static_cast<std::size_t>(begin - text.data()), static_cast<std::size_t>(end - begin));
}

// The nearest named node around a problem: "function_definition", "parameter_list", ...
std::string construct_name(std::vector<TSNode> ancestors)
{
    while (!ancestors.empty() && !ts_node_is_named(ancestors.back())) ancestors.pop_back();
    if (ancestors.empty()) return "file";
    return printable(ts_node_type(ancestors.back()), 60);
}

Found describe(TSNode node, const std::vector<TSNode>& ancestors, bool missing, std::string_view text,
               const std::vector<std::string_view>& lines, const std::set<std::string, std::less<>>& macros)
{
    // Error recovery may start an ERROR node at comments before the real trouble: report where
    // its first non-comment child starts.
    TSPoint at = ts_node_start_point(node);
    for (uint32_t i = 0, n = missing ? 0 : ts_node_child_count(node); i < n; ++i) {
        const TSNode child = ts_node_child(node, i);
        if (!ts_node_is_extra(child)) {
            at = ts_node_start_point(child);
            break;
        }
    }
    const std::string_view line = at.row < lines.size() ? lines[at.row] : std::string_view();
    Found f;
    f.problem.line = at.row + 1;
    f.problem.column = at.column + 1;
    f.problem.what = missing ? "missing \"" + printable(ts_node_type(node), 40) + "\"" : "syntax error";
    f.problem.source_line = cut(trim_ws(line), 120);
    f.problem.construct = construct_name(ancestors);
    f.shape = f.problem.what + "|" + construct_of(region_at(lines, text, at.row), macros);
    return f;
}

std::optional<std::vector<Found>> find_problems(const TSLanguage* language, std::string_view text)
{
    TsParser parser(ts_parser_new());
    if (!parser || !ts_parser_set_language(parser.get(), language))
        return std::nullopt;
    ts_parser_set_timeout_micros(parser.get(), parse_timeout_micros);
    TsTree tree(ts_parser_parse_string(parser.get(), nullptr, text.data(), static_cast<uint32_t>(text.size())));
    if (!tree)
        return std::nullopt;
    std::vector<Found> found;
    TSNode root = ts_tree_root_node(tree.get());
    if (!ts_node_has_error(root))
        return found;
    const std::vector<std::string_view> lines = split_plain_lines(text);
    const auto defined = defined_macros(text);
    // Iterative walk over the subtrees that contain errors; the outermost ERROR node is reported,
    // MISSING nodes wherever they are. Each entry carries its depth so that the path from the root
    // (the problem's construct) is known without ts_node_parent, unreliable for MISSING nodes.
    std::vector<std::pair<TSNode, std::size_t>> stack{{root, 0}};
    std::vector<TSNode> path;
    while (!stack.empty() && found.size() < 10 * max_reported_per_file) {
        const auto [node, depth] = stack.back();
        stack.pop_back();
        path.resize(depth);
        const bool missing = ts_node_is_missing(node);
        const bool error = !missing && std::string_view(ts_node_type(node)) == "ERROR";
        if (missing || error) {
            found.push_back(describe(node, path, missing, text, lines, defined));
            if (error)
                continue;
        }
        if (!ts_node_has_error(node))
            continue;
        path.push_back(node);
        for (uint32_t i = ts_node_child_count(node); i-- > 0;)
            stack.push_back({ts_node_child(node, i), depth + 1});
    }
    std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
        return std::tie(a.problem.line, a.problem.column) < std::tie(b.problem.line, b.problem.column);
    });
    return found;
}

std::vector<Found> lexical_problems(std::string_view text, bool python)
{
    const std::vector<std::string_view> lines = split_plain_lines(text);
    std::vector<Found> found;
    for (LexicalDefect& d : python ? python_line_defects(text) : lexical_defects(text)) {
        Found f;
        f.problem.line = d.line;
        f.problem.column = d.column;
        f.problem.what = std::move(d.what);
        f.problem.construct = python ? "line" : "brackets and literals";
        f.problem.source_line = d.line - 1 < lines.size() ? cut(trim_ws(lines[d.line - 1]), 120) : std::string();
        f.shape = f.problem.what;
        found.push_back(std::move(f));
    }
    return found;
}

// Moves the problems of `now` whose shape the base lacks into the report, refused or tolerated.
// counted: the base's problems are used up one by one
// (an extra unclosed brace is new); else a shape the base has at all is not new (one more use of
// a macro the parser cannot read is the same construct the file already tolerates).
void keep_new(std::vector<Found>& now, const std::vector<Found>& then, bool counted, bool refuse, SyntaxReport& report)
{
    std::map<std::string, std::size_t> before;
    for (const Found& f : then) ++before[f.shape];
    for (Found& f : now) {
        if (auto it = before.find(f.shape); it != before.end() && it->second > 0) {
            if (counted) --it->second;
            continue;
        }
        auto& list = refuse ? report.new_problems : report.tolerated;
        if (list.size() < max_reported_per_file) list.push_back(std::move(f.problem));
    }
}

} // namespace

SyntaxReport check_syntax(std::string_view path, std::optional<std::string_view> old_bytes, std::string_view new_bytes,
                          const context::LanguageEvidence& evidence)
{
    SyntaxReport report;
    report.path = std::string(path);
    const context::Grammar* grammar = context::grammar_for_file(path, new_bytes, evidence);
    if (!grammar || looks_binary(new_bytes))
        return report;
    report.language = std::string(grammar->name);
    // C and C++: the grammars know no macros, so only what is broken for any reader is refused;
    // the parser's own problems are tolerated (the compiler decides; a repair prompt shows them).
    // Python: tree-sitter reads on over a line break where Python stops; the lexical check sees it.
    const bool c_family = is_c_family(grammar->name);
    const bool python = grammar->name == "python";
    if (c_family || python) {
        std::vector<Found> now = lexical_problems(new_bytes, python);
        if (!now.empty())
            keep_new(now, old_bytes ? lexical_problems(*old_bytes, python) : std::vector<Found>{}, true, true, report);
    }
    const TSLanguage* language = grammar->language();
    auto now = find_problems(language, new_bytes);
    if (!now || now->empty())
        return report;
    std::vector<Found> then;
    if (old_bytes) {
        auto parsed = find_problems(language, *old_bytes);
        if (!parsed)
            return report;
        then = std::move(*parsed);
    }
    keep_new(*now, then, false, !c_family, report);
    return report;
}

bool patch_needs_language_evidence(const ResolvedPatch& patch)
{
    return std::any_of(patch.ops.begin(), patch.ops.end(), [](const FileOp& op) {
        return op.type == FileOp::Type::write && context::language_needs_evidence(op.path);
    });
}

Result<std::vector<SyntaxReport>> check_patch_syntax(const ResolvedPatch& patch, const BaseFiles& base,
                                                     const context::LanguageEvidence& evidence)
{
    std::vector<SyntaxReport> reports;
    for (const FileOp& op : patch.ops) {
        if (op.type != FileOp::Type::write)
            continue;
        const std::string& old_path = op.renamed_from.empty() ? op.path : op.renamed_from;
        std::optional<std::string> old_bytes;
        if (const auto entry = base.lookup(old_path); entry && (entry->kind == EntryKind::regular || entry->kind == EntryKind::executable)) {
            auto bytes = base.read(old_path);
            if (!bytes)
                return bytes.take_error();
            old_bytes = std::move(*bytes);
        }
        SyntaxReport report = check_syntax(op.path, old_bytes ? std::optional<std::string_view>(*old_bytes) : std::nullopt, op.content, evidence);
        if (!report.ok() || !report.tolerated.empty())
            reports.push_back(std::move(report));
    }
    return reports;
}

bool any_refused(const std::vector<SyntaxReport>& reports)
{
    return std::any_of(reports.begin(), reports.end(), [](const SyntaxReport& r) { return !r.ok(); });
}

std::string format_syntax_reports(const std::vector<SyntaxReport>& reports, std::size_t max_problems, bool tolerated)
{
    std::string out;
    std::size_t shown = 0, total = 0;
    for (const SyntaxReport& report : reports) {
        for (const SyntaxProblem& p : tolerated ? report.tolerated : report.new_problems) {
            ++total;
            if (shown == max_problems)
                continue;
            ++shown;
            out += report.path + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + p.what;
            if (!p.construct.empty())
                out += " in " + p.construct;
            out += " (" + report.language + ")";
            if (!p.source_line.empty())
                out += " | " + p.source_line;
            out += "\n";
        }
    }
    if (total > shown)
        out += "... and " + std::to_string(total - shown) + " more\n";
    return out;
}

} // namespace oneshot::patch
