#include "context/chunks.hpp"

#include "context/words.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace oneshot::context {

namespace {

constexpr int kMaxChunkLines = 60;   // longer definitions are cut into windows of kWindowLines
constexpr int kWindowLines = 30;

std::string_view line_text(std::string_view content, const std::vector<std::size_t>& offsets, int line)
{
    const std::size_t begin = offsets[static_cast<std::size_t>(line - 1)];
    std::size_t end = offsets[static_cast<std::size_t>(line)];
    if (end > begin && content[end - 1] == '\n') --end;
    return content.substr(begin, end - begin);
}

bool is_lead_in(std::string_view line)
{
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string_view::npos) return false;
    const std::string_view t = line.substr(start);
    if (t.starts_with("#include") || t.starts_with("#define") || t.starts_with("#if") || t.starts_with("#end") ||
        t.starts_with("#else") || t.starts_with("#pragma") || t.starts_with("#!"))
        return false;
    return t.starts_with("//") || t.starts_with("/*") || t.starts_with("*") || t.starts_with("#") ||
           t.starts_with("@") || t.starts_with("--") || t.starts_with("\"\"\"") || t.starts_with("#[");
}

void push_windows(std::vector<Chunk>& out, int first, int last, const std::string& name)
{
    if (last < first) return;
    if (last - first + 1 <= kMaxChunkLines) {
        out.push_back(Chunk{first, last, name, 0, false, {}});
        return;
    }
    for (int start = first; start <= last; start += kWindowLines) {
        int end = std::min(last, start + kWindowLines - 1);
        if (last - end < kWindowLines / 3) end = last;   // no tiny tail window
        out.push_back(Chunk{start, end, name, 0, false, {}});
        if (end == last) break;
    }
}

bool is_blank_or_comment(std::string_view line)
{
    const auto start = line.find_first_not_of(" \t\r");
    if (start == std::string_view::npos) return true;
    const std::string_view t = line.substr(start);
    return is_lead_in(t) || t.starts_with("*/");
}

// The top of a file up to its first definition: a leading licence comment, then the header proper
// (package, imports, includes), which changes whenever a change needs a new import.
void push_header(std::vector<Chunk>& out, std::string_view content, const std::vector<std::size_t>& offsets, int last)
{
    int start = 1;
    while (start <= last && is_blank_or_comment(line_text(content, offsets, start))) ++start;
    push_windows(out, 1, start - 1, "");
    const std::size_t before = out.size();
    push_windows(out, start, last, "");
    if (out.size() > before) out[before].header = true;
}

// A heading of Markdown ("# Title"), AsciiDoc ("== Title") or reStructuredText (a line underlined
// with =, -, ~, ^ or *): where a doc's sections begin.
bool is_heading(std::string_view line, std::string_view next)
{
    for (const char mark : {'#', '='}) {
        const auto n = line.find_first_not_of(mark);
        if (n > 0 && n <= 6 && n != std::string_view::npos && line[n] == ' ') return true;
    }
    if (line.empty() || line.front() == ' ' || line.front() == '\t' || next.size() < 3 || next.size() + 2 < line.size()) return false;
    const char c = next.front();
    return (c == '=' || c == '-' || c == '~' || c == '^' || c == '*') && next.find_first_not_of(c) == std::string_view::npos;
}

// Docs are cut at their headings, so a section about the task comes whole; code fences are skipped
// (a "# comment" in a shell example is no heading).
std::vector<Chunk> partition_doc(std::string_view content, const std::vector<std::size_t>& offsets, int lines)
{
    std::vector<Chunk> chunks;
    int start = 1;
    std::string name;
    bool fence = false;
    for (int line = 1; line <= lines; ++line) {
        const std::string_view text = line_text(content, offsets, line);
        if (text.starts_with("```") || text.starts_with("~~~")) fence = !fence;
        const std::string_view next = line < lines ? line_text(content, offsets, line + 1) : std::string_view();
        if (fence || line == start || !is_heading(text, next)) continue;
        push_windows(chunks, start, line - 1, name);
        start = line;
        name = std::string(text.substr(text.find_first_not_of("#= ") == std::string_view::npos ? 0 : text.find_first_not_of("#= ")));
    }
    push_windows(chunks, start, lines, name);
    return chunks;
}

} // namespace

std::vector<std::size_t> line_offsets(std::string_view text)
{
    std::vector<std::size_t> offsets{0};
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && i + 1 < text.size()) offsets.push_back(i + 1);
    }
    offsets.push_back(text.size());
    if (text.empty()) offsets.pop_back();
    return offsets;
}

std::vector<Chunk> partition_file(std::string_view content, const std::vector<std::size_t>& offsets,
                                  const FileAnalysis& analysis)
{
    const int lines = static_cast<int>(offsets.size()) - 1;
    std::vector<Chunk> chunks;
    if (lines <= 0) return chunks;
    if (!analysis.parsed && (analysis.kind == FileKind::docs || analysis.kind == FileKind::changelog))
        return partition_doc(content, offsets, lines);

    // Innermost definitions: those that contain no other definition.
    std::vector<const Definition*> leaves;
    for (const Definition& d : analysis.definitions) {
        if (d.first_line < 1 || d.last_line > lines || d.last_line < d.first_line) continue;
        bool contains_other = false;
        for (const Definition& e : analysis.definitions) {
            if (&e == &d) continue;
            const bool inside = e.first_line >= d.first_line && e.last_line <= d.last_line &&
                                (e.first_line != d.first_line || e.last_line != d.last_line);
            if (inside) {
                contains_other = true;
                break;
            }
        }
        if (!contains_other) leaves.push_back(&d);
    }
    std::sort(leaves.begin(), leaves.end(), [](auto* a, auto* b) { return a->first_line < b->first_line; });

    int cursor = 1;   // first line not yet assigned
    for (const Definition* d : leaves) {
        if (d->first_line < cursor) continue;   // overlaps the previous leaf (same span twice, or nested oddly)
        int first = d->first_line;
        while (first - 1 >= cursor && is_lead_in(line_text(content, offsets, first - 1))) --first;
        if (cursor == 1) push_header(chunks, content, offsets, first - 1);
        else push_windows(chunks, cursor, first - 1, "");
        push_windows(chunks, first, d->last_line, d->name);
        cursor = d->last_line + 1;
    }
    if (cursor == 1) push_header(chunks, content, offsets, lines);
    else push_windows(chunks, cursor, lines, "");

    // References inside each chunk, for pulling in the definitions a relevant chunk uses.
    for (const SymbolRef& r : analysis.references) {
        auto it = std::upper_bound(chunks.begin(), chunks.end(), r.line, [](int line, const Chunk& c) { return line < c.first; });
        if (it == chunks.begin()) continue;
        --it;
        if (r.line <= it->last) it->calls.push_back(r.name);
    }
    return chunks;
}

void score_chunks(std::vector<Chunk>& chunks, std::string_view content, const std::vector<std::size_t>& offsets,
                  const std::vector<QueryTerm>& query)
{
    if (chunks.empty() || query.empty()) return;
    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t q = 0; q < query.size(); ++q) index.emplace(query[q].term, q);
    std::vector<std::vector<int>> tf(chunks.size(), std::vector<int>(query.size(), 0));
    std::vector<double> length(chunks.size(), 0);
    double total = 0;
    for (std::size_t c = 0; c < chunks.size(); ++c) {
        const std::size_t begin = offsets[static_cast<std::size_t>(chunks[c].first - 1)];
        const std::size_t end = offsets[static_cast<std::size_t>(chunks[c].last)];
        int terms = 0;
        for_each_term(content.substr(begin, end - begin), [&](const std::string& term, bool) {
            ++terms;
            if (auto it = index.find(term); it != index.end()) ++tf[c][it->second];
        });
        length[c] = terms + 20;
        total += length[c];
    }
    const double avg = total / static_cast<double>(chunks.size());
    // Within one file a term found in most of its chunks ("command" in command.go) tells them
    // apart no better than chance: weight each term also by its rarity among the file's chunks.
    const double n = static_cast<double>(chunks.size());
    std::vector<double> local(query.size(), 1.0);
    for (std::size_t q = 0; q < query.size(); ++q) {
        double containing = 0;
        for (std::size_t c = 0; c < chunks.size(); ++c) containing += tf[c][q] > 0 ? 1 : 0;
        local[q] = std::log(1.0 + (n - containing + 0.5) / (containing + 0.5)) / std::log(1.0 + (n + 0.5) / 0.5);
    }
    for (std::size_t c = 0; c < chunks.size(); ++c) {
        double score = 0;
        std::vector<bool> in_name(query.size(), false);
        for_each_term(chunks[c].name, [&](const std::string& term, bool) {
            if (auto it = index.find(term); it != index.end()) in_name[it->second] = true;
        });
        for (std::size_t q = 0; q < query.size(); ++q) {
            const double weight = query[q].weight * query[q].idf * (0.3 + 0.7 * local[q]);
            const double f = tf[c][q];
            if (f > 0) score += weight * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * length[c] / avg));
            if (in_name[q]) score += 1.5 * weight;
        }
        chunks[c].score = score;
    }
}

} // namespace oneshot::context
