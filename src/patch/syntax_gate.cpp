#include "patch/syntax_gate.hpp"

#include "context/language.hpp"
#include "context/ts_handles.hpp"
#include "core/utf8.hpp"
#include "patch/text.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace oneshot::patch {

namespace {

using context::TsParser;
using context::TsTree;

// A parse that runs longer than this is abandoned: the gate then reports nothing for the file
// rather than stall a run (tree-sitter parses several MB/s, so only pathological input gets here).
constexpr std::uint64_t parse_timeout_micros = 5'000'000;
constexpr std::size_t max_reported_per_file = 50;

struct Found {
    SyntaxProblem problem;
    std::string key;   // what the problem is, independent of where: matched against the base's problems
};

std::string cut(std::string_view text, std::size_t max)
{
    return utf8_truncate(text, max);
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
    const std::vector<std::string_view> lines = split_plain_lines(text);
    std::vector<Found> found;
    // Iterative walk over the subtrees that contain errors; the outermost ERROR node is reported,
    // MISSING nodes wherever they are.
    std::vector<TSNode> stack{ts_tree_root_node(tree.get())};
    while (!stack.empty() && found.size() < 10 * max_reported_per_file) {
        const TSNode node = stack.back();
        stack.pop_back();
        const bool missing = ts_node_is_missing(node);
        const bool error = !missing && std::string_view(ts_node_type(node)) == "ERROR";
        if (missing || error) {
            // Error recovery may start an ERROR node at comments before the real trouble: report
            // where its first non-comment child starts.
            TSPoint at = ts_node_start_point(node);
            for (uint32_t i = 0, n = error ? ts_node_child_count(node) : 0; i < n; ++i) {
                const TSNode child = ts_node_child(node, i);
                if (!ts_node_is_extra(child)) {
                    at = ts_node_start_point(child);
                    break;
                }
            }
            const std::string_view line = at.row < lines.size() ? lines[at.row] : std::string_view();
            SyntaxProblem p;
            p.line = at.row + 1;
            p.column = at.column + 1;
            p.what = missing ? "missing \"" + printable(ts_node_type(node), 40) + "\"" : "syntax error";
            p.source_line = cut(trim_ws(line), 120);
            std::string key = p.what + "|" + std::string(trim_ws(line));
            found.push_back({std::move(p), std::move(key)});
            if (error)
                continue;
        }
        if (!ts_node_has_error(node))
            continue;
        for (uint32_t i = ts_node_child_count(node); i-- > 0;)
            stack.push_back(ts_node_child(node, i));
    }
    std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
        return std::tie(a.problem.line, a.problem.column) < std::tie(b.problem.line, b.problem.column);
    });
    return found;
}

} // namespace

SyntaxReport check_syntax(std::string_view path, std::optional<std::string_view> old_bytes, std::string_view new_bytes)
{
    SyntaxReport report;
    report.path = std::string(path);
    const context::Grammar* grammar = context::grammar_for_path(path);
    if (!grammar || looks_binary(new_bytes))
        return report;
    report.language = std::string(grammar->name);
    const TSLanguage* language = grammar->language();
    auto now = find_problems(language, new_bytes);
    if (!now || now->empty())
        return report;
    // Problems the base already had (same kind on an identical line) are not the patch's doing.
    std::map<std::string, std::size_t> before;
    if (old_bytes) {
        auto then = find_problems(language, *old_bytes);
        if (!then)
            return report;
        for (const Found& f : *then)
            ++before[f.key];
    }
    for (Found& f : *now) {
        if (auto it = before.find(f.key); it != before.end() && it->second > 0) {
            --it->second;
            continue;
        }
        if (report.new_problems.size() < max_reported_per_file)
            report.new_problems.push_back(std::move(f.problem));
    }
    return report;
}

Result<std::vector<SyntaxReport>> check_patch_syntax(const ResolvedPatch& patch, const BaseFiles& base)
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
        SyntaxReport report = check_syntax(op.path, old_bytes ? std::optional<std::string_view>(*old_bytes) : std::nullopt, op.content);
        if (!report.ok())
            reports.push_back(std::move(report));
    }
    return reports;
}

std::string format_syntax_reports(const std::vector<SyntaxReport>& reports, std::size_t max_problems)
{
    std::string out;
    std::size_t shown = 0, total = 0;
    for (const SyntaxReport& report : reports) {
        for (const SyntaxProblem& p : report.new_problems) {
            ++total;
            if (shown == max_problems)
                continue;
            ++shown;
            out += report.path + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + p.what + " (" +
                   report.language + ")";
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
