#include "patch/matcher.hpp"

#include "patch/reindent.hpp"
#include "patch/text.hpp"

#include <dtl/dtl.hpp>

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

// The last tier: a one-line quote inside a line. Its ends must fall on token boundaries, so that
// "count = 0" never lands inside "max_count = 0".
std::optional<EditMatch> match_within_line(std::string_view text, std::string_view search, std::string_view replace)
{
    std::vector<std::size_t> at;
    for (std::size_t p = text.find(search); p != std::string_view::npos; p = text.find(search, p + 1)) {
        const std::size_t end = p + search.size();
        const bool starts_clean = p == 0 || !is_word_byte(search.front()) || !is_word_byte(text[p - 1]);
        const bool ends_clean = end == text.size() || !is_word_byte(search.back()) || !is_word_byte(text[end]);
        if (starts_clean && ends_clean)
            at.push_back(p);
    }
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
        Reindent reindent;
        if (!exact_lines) {
            tier = MatchTier::trailing_whitespace;
            if (!trimmed_lines) {
                std::vector<std::pair<std::string_view, std::string_view>> pairs;
                for (std::size_t q = 0; q < n; ++q)
                    pairs.emplace_back(search_[quoted_[q]], line(nonblank_[start + q]));
                auto inferred = infer_reindent(pairs);
                if (!inferred)
                    return failure(Failure::indentation,
                                   "ignoring whitespace the quote matches at line " + std::to_string(first + 1) +
                                       ", but its indentation differs from the file's in a way no uniform shift or "
                                       "tab/space conversion explains",
                                   {first + 1});
                reindent = *inferred;
                tier = same_layout ? MatchTier::indentation : MatchTier::blank_lines;
            }
        }
        return build(start, a, b, tier, reindent);
    }

    struct OutLine {
        std::string content;
        std::optional<std::string_view> kept_break;   // an unchanged file line keeps its own break
    };

    EditMatch build(std::size_t start, std::size_t a, std::size_t b, MatchTier tier, const Reindent& reindent)
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
        auto emit_replacement = [&](std::size_t r, std::optional<std::size_t> break_of) {
            const std::string_view text = replace_[r];
            if (is_blank(text)) {
                out.push_back({std::string(text), std::nullopt});
                return;
            }
            const std::string_view indentation = leading_ws(text);
            auto rendered = reindent.apply(indentation);
            if (!rendered) {
                bad_line = r;
                rendered = std::string(indentation);
            }
            OutLine o{*rendered + std::string(text.substr(indentation.size())), std::nullopt};
            if (break_of)
                o.kept_break = line_break(text_, lines_[nonblank_[start + *break_of]]);
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
                           "replacement line " + std::to_string(*bad_line + 1) +
                               " is indented less than the indentation the quote has beyond the file's; cannot re-indent it",
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
    if (auto exact = match_exact(text, search, replace))
        return std::move(*exact);
    EditMatch lines = LineMatcher(text, search, replace).run();
    if (lines.failure == Failure::not_found && search.find('\n') == std::string_view::npos)
        if (auto within = match_within_line(text, search, replace))
            return std::move(*within);
    return lines;
}

} // namespace oneshot::patch
