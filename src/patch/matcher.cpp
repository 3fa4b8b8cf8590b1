#include "patch/matcher.hpp"

#include "patch/reindent.hpp"
#include "patch/text.hpp"

#include <dtl/dtl.hpp>

#include <algorithm>
#include <optional>

namespace oneshot::patch {

std::string_view tier_name(MatchTier tier)
{
    switch (tier) {
    case MatchTier::exact: return "exact";
    case MatchTier::line_endings: return "line_endings";
    case MatchTier::trailing_whitespace: return "trailing_whitespace";
    case MatchTier::indentation: return "indentation";
    case MatchTier::blank_lines: return "blank_lines";
    case MatchTier::within_line: return "within_line";
    }
    return "exact";
}

namespace {

using Failure = EditMatch::Failure;

EditMatch failure(Failure why, std::string reason, std::vector<std::size_t> lines = {})
{
    EditMatch m;
    m.failure = why;
    m.reason = std::move(reason);
    m.candidate_lines = std::move(lines);
    return m;
}

EditMatch success(std::string text, MatchTier tier, std::size_t line)
{
    EditMatch m;
    m.ok = true;
    m.text = std::move(text);
    m.tier = tier;
    m.line = line;
    return m;
}

std::string_view strip_bom(std::string_view s)
{
    return s.starts_with(utf8_bom) ? s.substr(utf8_bom.size()) : s;
}

// The break style of a region: its own when uniform, else the fallback (the file's dominant one).
std::string_view break_style(std::string_view region, std::string_view fallback)
{
    std::size_t crlf = 0, lf = 0;
    for (std::size_t i = region.find('\n'); i != std::string_view::npos; i = region.find('\n', i + 1))
        (i > 0 && region[i - 1] == '\r') ? ++crlf : ++lf;
    if (crlf > 0 && lf == 0)
        return "\r\n";
    if (lf > 0 && crlf == 0)
        return "\n";
    return fallback;
}

std::string with_breaks(std::string_view replacement, std::string_view style)
{
    return style == "\r\n" ? lf_to_crlf(replacement) : crlf_to_lf(replacement);
}

std::vector<std::size_t> line_numbers_of(std::string_view text, const std::vector<std::size_t>& offsets)
{
    std::vector<std::size_t> numbers;
    std::size_t line = 1, scanned = 0;
    for (std::size_t offset : offsets) {
        for (; scanned < offset; ++scanned)
            line += text[scanned] == '\n';
        numbers.push_back(line);
    }
    return numbers;
}

// Byte offset where 1-based line `line` starts.
std::size_t line_start_offset(std::string_view text, std::size_t line)
{
    std::size_t offset = 0;
    for (std::size_t n = 1; n < line && offset != std::string_view::npos; ++n) {
        offset = text.find('\n', offset);
        offset = offset == std::string_view::npos ? text.size() : offset + 1;
    }
    return offset;
}

// A quote without any indented line says nothing about a tab-indented file's tab width, so a
// replacement that indents with runs of spaces there cannot be rendered in the file's style; written
// literally it would be the one silent error tolerance exists to prevent (tabs become spaces).
bool spaces_without_tab_width(std::string_view text, std::string_view search, std::string_view replace)
{
    for (std::string_view line : split_plain_lines(search))
        if (!is_blank(line) && !leading_ws(line).empty())
            return false;
    bool spaces = false;
    for (std::string_view line : split_plain_lines(replace))
        spaces = spaces || leading_ws(line).starts_with("  ");
    return spaces && indents_with_tabs_only(text);
}

// Tier 0: the quote's bytes at a line start.
std::optional<EditMatch> match_exact(std::string_view text, std::string_view search, std::string_view replace)
{
    std::vector<std::size_t> at;
    for (std::size_t p = text.find(search); p != std::string_view::npos; p = text.find(search, p + 1))
        if (p == 0 || text[p - 1] == '\n')
            at.push_back(p);
    if (at.empty())
        return std::nullopt;
    if (at.size() > 1)
        return failure(Failure::ambiguous, "the quote occurs " + std::to_string(at.size()) + " times", line_numbers_of(text, at));
    const std::size_t p = at.front();
    if (spaces_without_tab_width(text, search, replace))
        return failure(Failure::indentation,
                       "the replacement indents with spaces in a file indented with tabs, and the quote shows no "
                       "indented line to learn the tab width from; quote an indented line or write tabs",
                       line_numbers_of(text, {p}));
    const std::string_view style = break_style(text.substr(p, search.size()), dominant_line_break(text));
    std::string out;
    out.reserve(text.size() + replace.size());
    out.append(text.substr(0, p));
    out += with_breaks(replace, style);
    out.append(text.substr(p + search.size()));
    return success(std::move(out), MatchTier::exact, line_numbers_of(text, {p}).front());
}

bool is_word_byte(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u == '_' || u >= 0x80 || (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
}

// Where a one-line quote occurs inside lines, with both ends on token boundaries, so that
// "count = 0" never lands inside "max_count = 0".
std::vector<std::size_t> token_occurrences(std::string_view text, std::string_view needle)
{
    std::vector<std::size_t> at;
    if (needle.empty())
        return at;
    for (std::size_t p = text.find(needle); p != std::string_view::npos; p = text.find(needle, p + 1)) {
        const std::size_t end = p + needle.size();
        const bool starts_clean = p == 0 || !is_word_byte(needle.front()) || !is_word_byte(text[p - 1]);
        const bool ends_clean = end == text.size() || !is_word_byte(needle.back()) || !is_word_byte(text[end]);
        if (starts_clean && ends_clean)
            at.push_back(p);
    }
    return at;
}

// The last tier: a one-line quote inside a line, found exactly once.
std::optional<EditMatch> match_within_line(std::string_view text, std::string_view search, std::string_view replace)
{
    const std::vector<std::size_t> at = token_occurrences(text, search);
    if (at.empty())
        return std::nullopt;
    if (at.size() > 1)
        return failure(Failure::ambiguous, "the quote occurs " + std::to_string(at.size()) + " times", line_numbers_of(text, at));
    const std::size_t p = at.front();
    std::string out;
    out.reserve(text.size() + replace.size());
    out.append(text.substr(0, p));
    out += with_breaks(replace, dominant_line_break(text));
    out.append(text.substr(p + search.size()));
    return success(std::move(out), MatchTier::within_line, line_numbers_of(text, {p}).front());
}

// A one-line quote accepted at one place must not also occur inside another line: the model may
// have meant that one. `begin`/`end`: the accepted place's bytes.
std::optional<EditMatch> other_places(std::string_view text, std::string_view search, std::size_t begin, std::size_t end)
{
    std::vector<std::size_t> at{begin};
    for (std::size_t p : token_occurrences(text, trim_ws(search)))
        if (p < begin || p >= end)
            at.push_back(p);
    if (at.size() == 1)
        return std::nullopt;
    std::sort(at.begin(), at.end());
    return failure(Failure::ambiguous, "the one-line quote also occurs inside other lines; it fits " + std::to_string(at.size()) + " places",
                   line_numbers_of(text, at));
}

struct QuoteLines {
    std::vector<std::string_view> lines;
    bool ends_with_newline = false;
};

QuoteLines quote_lines(std::string_view s)
{
    return {split_plain_lines(s), s.ends_with('\n')};
}

// Replacement lines paired with the quoted lines they keep or rewrite one for one (non-blank lines
// only): a paired line keeps that line's break, so mixed line endings survive an edit.
struct Alignment {
    std::vector<std::optional<std::size_t>> in_place_of;
};

Alignment align(const std::vector<std::string_view>& quoted, const std::vector<std::string_view>& replacement)
{
    std::vector<std::string_view> a, b;
    for (auto line : quoted)
        a.push_back(trim_trailing_ws(line));
    for (auto line : replacement)
        b.push_back(trim_trailing_ws(line));
    Alignment result{std::vector<std::optional<std::size_t>>(b.size())};
    dtl::Diff<std::string_view, std::vector<std::string_view>> diff(a, b);
    diff.compose();
    std::vector<std::size_t> deleted, added;
    auto pair_block = [&] {
        if (deleted.size() == added.size())
            for (std::size_t k = 0; k < added.size(); ++k)
                result.in_place_of[added[k]] = deleted[k];
        deleted.clear();
        added.clear();
    };
    for (const auto& [element, info] : diff.getSes().getSequence()) {
        if (info.type == dtl::SES_COMMON) {
            pair_block();
            result.in_place_of[static_cast<std::size_t>(info.afterIdx - 1)] = static_cast<std::size_t>(info.beforeIdx - 1);
        } else if (info.type == dtl::SES_DELETE) {
            deleted.push_back(static_cast<std::size_t>(info.beforeIdx - 1));
        } else {
            added.push_back(static_cast<std::size_t>(info.afterIdx - 1));
        }
    }
    pair_block();
    return result;
}

class LineMatcher {
public:
    LineMatcher(std::string_view text, std::string_view search, std::string_view replace)
        : text_(text), lines_(split_lines(text))
    {
        QuoteLines s = quote_lines(search), r = quote_lines(replace);
        search_newline_ = s.ends_with_newline;
        replace_newline_ = r.ends_with_newline;
        search_ = std::move(s.lines);
        replace_ = std::move(r.lines);
        for (std::size_t j = 0; j < search_.size(); ++j)
            if (!is_blank(search_[j]))
                quoted_.push_back(j);
        for (std::size_t i = 0; i < lines_.size(); ++i)
            if (!is_blank(line(i)))
                nonblank_.push_back(i);
    }

    EditMatch run()
    {
        std::vector<std::size_t> candidates;
        const std::size_t n = quoted_.size();
        for (std::size_t i = 0; i + n <= nonblank_.size(); ++i) {
            bool all = true;
            for (std::size_t q = 0; q < n && all; ++q)
                all = trim_ws(line(nonblank_[i + q])) == trim_ws(search_[quoted_[q]]);
            if (all)
                candidates.push_back(i);
        }
        if (candidates.empty())
            return failure(Failure::not_found, "the quote does not occur in the file, even ignoring whitespace and blank lines");
        if (candidates.size() > 1) {
            std::vector<std::size_t> numbers;
            for (std::size_t c : candidates)
                numbers.push_back(nonblank_[c] + 1);
            return failure(Failure::ambiguous,
                           "ignoring whitespace and blank lines, the quote occurs " + std::to_string(candidates.size()) + " times",
                           std::move(numbers));
        }
        return apply_at(candidates.front());
    }

private:
    std::string_view line(std::size_t i) const { return line_text(text_, lines_[i]); }

    EditMatch apply_at(std::size_t start)
    {
        const std::size_t n = quoted_.size();
        const std::size_t first = nonblank_[start], last = nonblank_[start + n - 1];
        const std::size_t lead_blanks = quoted_.front(), trail_blanks = search_.size() - 1 - quoted_.back();
        std::size_t a = first, b = last;
        while (first - a < lead_blanks && a > 0 && is_blank(line(a - 1)))
            --a;
        while (b - last < trail_blanks && b + 1 < lines_.size() && is_blank(line(b + 1)))
            ++b;

        bool same_layout = b - a + 1 == search_.size();
        for (std::size_t t = 0; same_layout && t < search_.size(); ++t)
            same_layout = is_blank(search_[t]) == is_blank(line(a + t));
        bool exact_lines = same_layout, trimmed_lines = same_layout;
        for (std::size_t t = 0; same_layout && t < search_.size(); ++t) {
            exact_lines = exact_lines && search_[t] == line(a + t);
            trimmed_lines = trimmed_lines && trim_trailing_ws(search_[t]) == trim_trailing_ws(line(a + t));
        }

        MatchTier tier = MatchTier::line_endings;
        if (!exact_lines)
            tier = trimmed_lines ? MatchTier::trailing_whitespace : same_layout ? MatchTier::indentation : MatchTier::blank_lines;
        Indentation indents{learn_indentation(start), {}};
        if (!indents.lines.consistent())
            return failure(Failure::indentation,
                           "ignoring whitespace the quote matches at line " + std::to_string(first + 1) +
                               ", but its indentation differs from the file's in a way no uniform shift or "
                               "tab/space conversion explains",
                           {first + 1});
        // Whitespace-only quoted lines that stand for whole file lines: what their whitespace was.
        std::vector<std::pair<std::string_view, std::string_view>> blank_pairs;
        for (std::size_t t = 0; same_layout && t < search_.size(); ++t)
            if (is_blank(search_[t]) && !search_[t].empty() && leading_ws(search_[t]) == search_[t])
                blank_pairs.emplace_back(search_[t], line(a + t));
        indents.blanks = IndentMap::learn(blank_pairs);
        return build(start, a, b, tier, indents);
    }

    struct Indentation {
        IndentMap lines;    // non-blank lines
        IndentMap blanks;   // whitespace-only lines quoted in place of file lines, by their whole text
    };

    // The whitespace mapping this match shows, from every non-blank quoted line and the file line
    // it matched. A quote whose indentation no uniform relation explains (a file that mixes tabs
    // and spaces, quoted with spaces throughout) still matches: its lines are rendered one by one.
    IndentMap learn_indentation(std::size_t start) const
    {
        std::vector<std::pair<std::string_view, std::string_view>> pairs;
        bool shows_indentation = false;
        for (std::size_t q = 0; q < quoted_.size(); ++q) {
            const std::string_view quoted = search_[quoted_[q]], actual = line(nonblank_[start + q]);
            pairs.emplace_back(quoted, actual);
            shows_indentation = shows_indentation || !leading_ws(quoted).empty() || !leading_ws(actual).empty();
        }
        IndentMap map = IndentMap::learn(pairs, replace_);
        map.spaces_unknown = !shows_indentation && indents_with_tabs_only(text_);
        return map;
    }

    struct OutLine {
        std::string content;
        std::optional<std::string_view> kept_break;   // an unchanged file line keeps its own break
    };

    EditMatch build(std::size_t start, std::size_t a, std::size_t b, MatchTier tier, const Indentation& indents)
    {
        const std::string_view region = text_.substr(lines_[a].begin, lines_[b].end - lines_[a].begin);
        const std::string_view style = break_style(region, dominant_line_break(text_));

        std::vector<std::string_view> quoted_lines;
        for (std::size_t j : quoted_)
            quoted_lines.push_back(search_[j]);
        std::vector<std::size_t> replaced;   // indices of non-blank replacement lines
        for (std::size_t r = 0; r < replace_.size(); ++r)
            if (!is_blank(replace_[r]))
                replaced.push_back(r);
        std::vector<std::string_view> replaced_lines;
        for (std::size_t r : replaced)
            replaced_lines.push_back(replace_[r]);
        const Alignment alignment = align(quoted_lines, replaced_lines);

        std::vector<OutLine> out;
        std::optional<std::size_t> bad_line;
        auto emit_replacement = [&](std::size_t r, std::optional<std::size_t> in_place_of) {
            const std::string_view text = replace_[r];
            const std::string_view indentation = leading_ws(text);
            std::optional<std::string> rendered;
            if (is_blank(text) && indentation == text) {
                // A whitespace-only line: the file's own when the quote wrote it that way, else its
                // whitespace mapped like an indentation ("    " for "\t"), else nothing to map.
                rendered = text.empty() ? std::string() : indents.blanks.known(text);
                if (!rendered)
                    rendered = indents.lines.render(indentation);
                if (rendered) {
                    out.push_back({*rendered, std::nullopt});
                    return;
                }
            } else if (in_place_of && (indentation == leading_ws(quoted_lines[*in_place_of]) ||
                                       (indents.lines.mixed() && indentation == leading_ws(line(nonblank_[start + *in_place_of]))))) {
                // Kept or rewritten in place of a quoted line, indented as the quote has that line
                // (or, where only columns relate quote and file, as the file has it): the file
                // line's own indentation, whatever the file mixes.
                rendered = std::string(leading_ws(line(nonblank_[start + *in_place_of])));
            } else {
                rendered = indents.lines.render(indentation);
            }
            if (!rendered) {
                bad_line = bad_line.value_or(r);
                rendered = std::string(indentation);
            }
            OutLine o{*rendered + std::string(text.substr(indentation.size())), std::nullopt};
            if (in_place_of)
                o.kept_break = line_break(text_, lines_[nonblank_[start + *in_place_of]]);
            out.push_back(std::move(o));
        };

        // The replacement is taken literally, blank lines included: tolerance helps find the place,
        // never rewrites what the model asked for (a blank line it quoted wrongly but wrote back on
        // purpose cannot be told from one it merely copied).
        for (std::size_t r = 0, i = 0; r < replace_.size(); ++r) {
            const bool paired = i < replaced.size() && replaced[i] == r;
            emit_replacement(r, paired ? alignment.in_place_of[i] : std::nullopt);
            i += paired;
        }
        if (bad_line)
            return failure(Failure::indentation,
                           "replacement line " + std::to_string(*bad_line + 1) + " is indented in a way the match at line " +
                               std::to_string(nonblank_[start] + 1) +
                               " does not map to the file's indentation (indented less than the quote's extra "
                               "indentation, or with whitespace that stood for two different indentations, or "
                               "with spaces in a tab-indented file where the quote shows no indented line)",
                           {nonblank_[start] + 1});

        std::string result;
        result.reserve(text_.size() + 64 * out.size());
        const std::string_view region_end_break = line_break(text_, lines_[b]);
        if (out.empty()) {
            // Removing lines at the end of a file without a final newline keeps it without one.
            const std::size_t cut = (region_end_break.empty() && a > 0) ? lines_[a - 1].content_end : lines_[a].begin;
            result.append(text_.substr(0, cut));
        } else {
            result.append(text_.substr(0, lines_[a].begin));
            for (std::size_t i = 0; i < out.size(); ++i) {
                result += out[i].content;
                if (i + 1 < out.size()) {
                    result.append(out[i].kept_break && !out[i].kept_break->empty() ? *out[i].kept_break : style);
                } else if (region_end_break.empty()) {
                    if (replace_newline_ && !search_newline_)
                        result.append(style);
                } else if (!(search_newline_ && !replace_newline_ && b + 1 == lines_.size())) {
                    result.append(region_end_break);
                }
            }
        }
        result.append(text_.substr(lines_[b].end));
        return success(std::move(result), tier, a + 1);
    }

    std::string_view text_;
    std::vector<LineSpan> lines_;
    std::vector<std::size_t> nonblank_;        // file lines that are not blank
    std::vector<std::string_view> search_, replace_;
    std::vector<std::size_t> quoted_;          // indices of non-blank search_ lines
    bool search_newline_ = false, replace_newline_ = false;
};

} // namespace

EditMatch apply_edit(std::string_view text, const Edit& edit)
{
    const std::string_view search = strip_bom(edit.search);
    const std::string_view replace = edit.search.starts_with(utf8_bom) ? strip_bom(edit.replace) : std::string_view(edit.replace);
    if (search.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos)
        return failure(Failure::blank_search, "the quote has no non-blank line");
    const bool one_line = search.find('\n') == std::string_view::npos;
    if (auto exact = match_exact(text, search, replace)) {
        if (exact->ok && one_line) {
            const std::size_t begin = line_start_offset(text, exact->line);
            if (auto others = other_places(text, search, begin, begin + search.size()))
                return std::move(*others);
        }
        return std::move(*exact);
    }
    EditMatch lines = LineMatcher(text, search, replace).run();
    if (lines.ok && one_line) {
        const std::size_t begin = line_start_offset(text, lines.line);
        const std::size_t end = text.find('\n', begin);
        if (auto others = other_places(text, search, begin, end == std::string_view::npos ? text.size() : end))
            return std::move(*others);
    }
    if (lines.failure == Failure::not_found && one_line)
        if (auto within = match_within_line(text, search, replace))
            return std::move(*within);
    return lines;
}

} // namespace oneshot::patch
