#include "patch/unified_diff.hpp"

#include "patch/text.hpp"

#include <dtl/dtl.hpp>
#include <git2.h>

#include <algorithm>
#include <mutex>

namespace oneshot::patch {

namespace {

// Beyond this many line pairs in the differing middle of two texts, dtl's cost (time and memory
// grow with the product for unrelated texts) is not worth a minimal diff: the middle is shown as
// removed then added, which is still a correct diff.
constexpr std::size_t max_diff_cells = 4'000'000;

enum class Op { keep, remove, add };

struct Step {
    Op op;
    std::size_t old_index;   // valid for keep/remove
    std::size_t new_index;   // valid for keep/add
};

// Lines with their terminators, so "a\n" and "a" (no final newline) differ.
std::vector<std::string_view> full_lines(std::string_view text)
{
    std::vector<std::string_view> out;
    for (const LineSpan& line : split_lines(text))
        out.push_back(text.substr(line.begin, line.end - line.begin));
    return out;
}

std::vector<Step> edit_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b)
{
    std::size_t prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix])
        ++prefix;
    std::size_t suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix && a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
        ++suffix;
    std::vector<Step> steps;
    for (std::size_t i = 0; i < prefix; ++i)
        steps.push_back({Op::keep, i, i});
    const std::size_t a_mid = a.size() - prefix - suffix, b_mid = b.size() - prefix - suffix;
    if (a_mid * b_mid > max_diff_cells) {
        for (std::size_t i = 0; i < a_mid; ++i)
            steps.push_back({Op::remove, prefix + i, 0});
        for (std::size_t j = 0; j < b_mid; ++j)
            steps.push_back({Op::add, 0, prefix + j});
    } else if (a_mid > 0 || b_mid > 0) {
        std::vector<std::string_view> a_middle(a.begin() + static_cast<std::ptrdiff_t>(prefix), a.end() - static_cast<std::ptrdiff_t>(suffix));
        std::vector<std::string_view> b_middle(b.begin() + static_cast<std::ptrdiff_t>(prefix), b.end() - static_cast<std::ptrdiff_t>(suffix));
        dtl::Diff<std::string_view, std::vector<std::string_view>> diff(a_middle, b_middle);
        diff.compose();
        std::size_t i = prefix, j = prefix;
        for (const auto& [element, info] : diff.getSes().getSequence()) {
            if (info.type == dtl::SES_COMMON)
                steps.push_back({Op::keep, i++, j++});
            else if (info.type == dtl::SES_DELETE)
                steps.push_back({Op::remove, i++, 0});
            else
                steps.push_back({Op::add, 0, j++});
        }
    }
    for (std::size_t k = 0; k < suffix; ++k)
        steps.push_back({Op::keep, a.size() - suffix + k, b.size() - suffix + k});
    // Within each run of changes, removals first, as git and diff -u print them.
    for (std::size_t k = 0; k < steps.size();) {
        std::size_t end = k;
        while (end < steps.size() && steps[end].op != Op::keep)
            ++end;
        std::stable_partition(steps.begin() + static_cast<std::ptrdiff_t>(k), steps.begin() + static_cast<std::ptrdiff_t>(end),
                              [](const Step& s) { return s.op == Op::remove; });
        k = end == k ? k + 1 : end;
    }
    return steps;
}

std::string range(std::size_t start, std::size_t count)
{
    // git: a count of 1 is implied; an empty range names the line before it.
    if (count == 1)
        return std::to_string(start + 1);
    return std::to_string(count == 0 ? start : start + 1) + "," + std::to_string(count);
}

class Writer {
public:
    Writer(std::string& out, const DiffOptions& options) : out_(out), options_(options) {}

    void meta(std::string_view line) { colored(options_.colors.meta, line); }
    void frag(std::string_view line) { colored(options_.colors.frag, line); }

    // A diff body line: prefix + the line with its own terminator, plus git's marker when it has none.
    void body(char prefix, std::string_view line)
    {
        const std::string& color = prefix == '-' ? options_.colors.old_line : prefix == '+' ? options_.colors.new_line : options_.colors.context;
        const bool terminated = line.ends_with('\n');
        const std::string_view content = terminated ? line.substr(0, line.size() - 1) : line;
        if (options_.color && !color.empty()) {
            out_ += color;
            out_ += prefix;
            out_.append(content);
            out_ += options_.colors.reset;
        } else {
            out_ += prefix;
            out_.append(content);
        }
        out_ += '\n';
        if (!terminated)
            out_ += "\\ No newline at end of file\n";
    }

private:
    void colored(const std::string& color, std::string_view line)
    {
        if (options_.color && !color.empty()) {
            out_ += color;
            out_.append(line);
            out_ += options_.colors.reset;
        } else {
            out_.append(line);
        }
        out_ += '\n';
    }

    std::string& out_;
    const DiffOptions& options_;
};

void write_hunks(Writer& w, std::string_view old_text, std::string_view new_text, std::size_t context)
{
    const auto a = full_lines(old_text), b = full_lines(new_text);
    const std::vector<Step> steps = edit_script(a, b);
    std::size_t k = 0;
    while (k < steps.size()) {
        while (k < steps.size() && steps[k].op == Op::keep)
            ++k;
        if (k == steps.size())
            break;
        // A hunk: from `context` kept lines before the first change to `context` after the last
        // change that is at most 2*context kept lines away from the next one.
        const std::size_t begin = k >= context ? k - context : 0;
        std::size_t end = k;   // one past the last change
        std::size_t scan = k;
        while (scan < steps.size()) {
            if (steps[scan].op != Op::keep) {
                end = ++scan;
                continue;
            }
            std::size_t run = scan;
            while (run < steps.size() && steps[run].op == Op::keep)
                ++run;
            if (run == steps.size() || run - scan > 2 * context)
                break;
            scan = run;
        }
        const std::size_t stop = std::min(steps.size(), end + context);
        std::size_t old_start = 0, new_start = 0, old_count = 0, new_count = 0;
        // Start lines: the first line of each side in the hunk, or (empty side) where it would be.
        std::size_t old_pos = 0, new_pos = 0;
        for (std::size_t s = 0; s < begin; ++s) {
            if (steps[s].op != Op::add) ++old_pos;
            if (steps[s].op != Op::remove) ++new_pos;
        }
        old_start = old_pos;
        new_start = new_pos;
        for (std::size_t s = begin; s < stop; ++s) {
            if (steps[s].op != Op::add) ++old_count;
            if (steps[s].op != Op::remove) ++new_count;
        }
        w.frag("@@ -" + range(old_start, old_count) + " +" + range(new_start, new_count) + " @@");
        for (std::size_t s = begin; s < stop; ++s) {
            const Step& st = steps[s];
            if (st.op == Op::keep)
                w.body(' ', a[st.old_index]);
            else if (st.op == Op::remove)
                w.body('-', a[st.old_index]);
            else
                w.body('+', b[st.new_index]);
        }
        k = stop;
    }
}

std::string mode_of(EntryKind kind)
{
    switch (kind) {
    case EntryKind::executable: return "100755";
    case EntryKind::symlink: return "120000";
    case EntryKind::submodule: return "160000";
    default: return "100644";
    }
}

// git's quoting of unusual path names (quote_c_style): "a/na\tme" with C escapes, octal for the rest.
std::string quoted(std::string_view prefix, std::string_view path)
{
    bool needs = false;
    for (unsigned char c : path)
        needs = needs || c < 0x20 || c == '"' || c == '\\' || c >= 0x7F;
    if (!needs)
        return std::string(prefix) + std::string(path);
    std::string out = "\"" + std::string(prefix);
    for (unsigned char c : path) {
        switch (c) {
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\v': out += "\\v"; break;
        case '\f': out += "\\f"; break;
        case '\r': out += "\\r"; break;
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        default:
            if (c < 0x20 || c >= 0x7F) {
                out += '\\';
                out += static_cast<char>('0' + ((c >> 6) & 7));
                out += static_cast<char>('0' + ((c >> 3) & 7));
                out += static_cast<char>('0' + (c & 7));
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

std::string short_id(std::optional<std::string_view> bytes, std::size_t digits)
{
    const std::string id = bytes ? git_blob_id(*bytes) : std::string(40, '0');
    return id.substr(0, std::min<std::size_t>(digits, 40));
}

void write_file(Writer& w, const FileDiff& f, const DiffOptions& options)
{
    const bool created = !f.old_bytes, deleted = !f.new_bytes;
    const bool renamed = !created && !deleted && f.old_path != f.new_path;
    const std::string a = quoted("a/", created ? f.new_path : f.old_path);
    const std::string b = quoted("b/", deleted ? f.old_path : f.new_path);
    w.meta("diff --git " + a + " " + b);
    const bool same_content = !created && !deleted && *f.old_bytes == *f.new_bytes;
    if (created) {
        w.meta("new file mode " + mode_of(f.new_kind));
    } else if (deleted) {
        w.meta("deleted file mode " + mode_of(f.old_kind));
    } else if (f.old_kind != f.new_kind) {
        w.meta("old mode " + mode_of(f.old_kind));
        w.meta("new mode " + mode_of(f.new_kind));
    }
    if (renamed) {
        if (same_content)
            w.meta("similarity index 100%");
        w.meta("rename from " + quoted("", f.old_path));
        w.meta("rename to " + quoted("", f.new_path));
    }
    if (same_content)
        return;
    if (options.index_digits > 0) {
        std::string index = "index " + short_id(f.old_bytes, options.index_digits) + ".." + short_id(f.new_bytes, options.index_digits);
        if (!created && !deleted && f.old_kind == f.new_kind)
            index += " " + mode_of(f.new_kind);
        w.meta(index);
    }
    const std::string_view old_text = f.old_bytes ? std::string_view(*f.old_bytes) : std::string_view();
    const std::string_view new_text = f.new_bytes ? std::string_view(*f.new_bytes) : std::string_view();
    if (looks_binary(old_text) || looks_binary(new_text)) {
        w.meta("Binary files " + (created ? std::string("/dev/null") : a) + " and " + (deleted ? std::string("/dev/null") : b) + " differ");
        return;
    }
    w.meta("--- " + (created ? std::string("/dev/null") : a));
    w.meta("+++ " + (deleted ? std::string("/dev/null") : b));
    write_hunks(w, old_text, new_text, options.context);
}

} // namespace

std::string git_blob_id(std::string_view bytes)
{
    // Hashing needs no repository, but libgit2 wants its global state initialised once.
    static std::once_flag init;
    std::call_once(init, [] { git_libgit2_init(); });
    git_oid oid;
    if (git_odb_hash(&oid, bytes.data(), bytes.size(), GIT_OBJECT_BLOB) != 0)
        return std::string(40, '0');
    char hex[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(hex, sizeof hex, &oid);
    return hex;
}

std::string unified_diff(const std::vector<FileDiff>& files, const DiffOptions& options)
{
    std::string out;
    Writer w(out, options);
    for (const FileDiff& f : files)
        write_file(w, f, options);
    return out;
}

Result<std::vector<FileDiff>> file_diffs(const ResolvedPatch& patch, const BaseFiles& base)
{
    std::vector<FileDiff> files;
    std::vector<std::string> moved_away;
    for (const FileOp& op : patch.ops)
        if (op.type == FileOp::Type::write && !op.renamed_from.empty())
            moved_away.push_back(op.renamed_from);
    for (const FileOp& op : patch.ops) {
        FileDiff f;
        if (op.type == FileOp::Type::remove) {
            if (std::find(moved_away.begin(), moved_away.end(), op.path) != moved_away.end())
                continue;
            auto old_bytes = base.read(op.path);
            if (!old_bytes)
                return old_bytes.take_error();
            f = {op.path, op.path, std::move(*old_bytes), std::nullopt, op.kind, op.kind};
        } else {
            const std::string& old_path = op.renamed_from.empty() ? op.path : op.renamed_from;
            const auto entry = base.lookup(old_path);
            std::optional<std::string> old_bytes;
            EntryKind old_kind = op.kind;
            if (entry) {
                auto bytes = base.read(old_path);
                if (!bytes)
                    return bytes.take_error();
                old_bytes = std::move(*bytes);
                old_kind = entry->kind;
            }
            f = {old_path, op.path, std::move(old_bytes), op.content, old_kind, op.kind};
        }
        files.push_back(std::move(f));
    }
    std::sort(files.begin(), files.end(), [](const FileDiff& x, const FileDiff& y) {
        return (x.new_bytes ? x.new_path : x.old_path) < (y.new_bytes ? y.new_path : y.old_path);
    });
    return files;
}

std::vector<DiffStat> diff_stats(const std::vector<FileDiff>& files)
{
    std::vector<DiffStat> stats;
    for (const FileDiff& f : files) {
        DiffStat s;
        const bool renamed = f.old_bytes && f.new_bytes && f.old_path != f.new_path;
        s.path = renamed ? f.old_path + " => " + f.new_path : (f.new_bytes ? f.new_path : f.old_path);
        const std::string_view old_text = f.old_bytes ? std::string_view(*f.old_bytes) : std::string_view();
        const std::string_view new_text = f.new_bytes ? std::string_view(*f.new_bytes) : std::string_view();
        s.binary = looks_binary(old_text) || looks_binary(new_text);
        if (!s.binary)
            for (const Step& step : edit_script(full_lines(old_text), full_lines(new_text)))
                s.added += step.op == Op::add, s.removed += step.op == Op::remove;
        stats.push_back(std::move(s));
    }
    return stats;
}

} // namespace oneshot::patch
