#include "patch/mbox.hpp"

#include "patch/unified_diff.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>

namespace oneshot::patch {

namespace {

bool is_ascii_printable(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F; });
}

// RFC 2047 "Q" encoding for headers with non-ASCII text, which git mailinfo decodes.
std::string encode_header_words(std::string_view text)
{
    if (is_ascii_printable(text))
        return std::string(text);
    std::string out = "=?UTF-8?q?";
    static constexpr char hex[] = "0123456789ABCDEF";
    for (unsigned char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '!' || c == '*' || c == '+' || c == '-' || c == '/') {
            out += static_cast<char>(c);
        } else if (c == ' ') {
            out += '_';
        } else {
            out += '=';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out + "?=";
}

// One line: the subject must not carry line breaks into the header.
std::string single_line(std::string_view text)
{
    std::string out;
    bool space = false;
    for (char c : text) {
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            space = !out.empty();
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += c;
    }
    return out;
}

// git mailinfo ends the message at a line starting with "---", "diff -" or "Index: ": such body
// lines get a leading space so that the whole explanation reaches the commit.
std::string protect_body(std::string_view body)
{
    std::string out;
    std::size_t begin = 0;
    while (begin < body.size()) {
        std::size_t end = body.find('\n', begin);
        if (end == std::string_view::npos)
            end = body.size();
        std::string_view line = body.substr(begin, end - begin);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.starts_with("---") || line.starts_with("diff -") || line.starts_with("Index: ") || line.starts_with("From "))
            out += ' ';
        out.append(line);
        out += '\n';
        begin = end + 1;
    }
    return out;
}

std::string trim_blank_lines(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    std::size_t line_start = text.rfind('\n', first);
    line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
    return std::string(text.substr(line_start, last + 1 - line_start));
}

// Quoted-printable (RFC 2045) for a body with CR bytes: `git am` strips a CR before every raw line
// end it reads from an mbox, so CRLF lines of a diff survive only encoded ("=0D"), which git
// mailinfo decodes (and keeps, since git 2.34). Text stays readable, unlike base64.
std::string quoted_printable(std::string_view text)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    std::size_t column = 0;
    auto put = [&](std::string_view piece) {
        if (column + piece.size() > 75) {
            out += "=\n";
            column = 0;
        }
        out.append(piece);
        column += piece.size();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const bool at_line_end = i + 1 == text.size() || text[i + 1] == '\n';
        if (c == '\n') {
            out += '\n';
            column = 0;
        } else if (c == '=' || c == '\r' || c >= 0x7F || (c < 0x20 && c != '\t') || ((c == ' ' || c == '\t') && at_line_end)) {
            const char encoded[3] = {'=', hex[c >> 4], hex[c & 15]};
            put(std::string_view(encoded, 3));
        } else {
            const char plain = static_cast<char>(c);
            put(std::string_view(&plain, 1));
        }
    }
    return out;
}

} // namespace

std::string rfc2822_date(std::int64_t time, int utc_offset_minutes)
{
    static constexpr std::array<const char*, 7> days = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::time_t local = static_cast<std::time_t>(time + std::int64_t{utc_offset_minutes} * 60);
    std::tm tm{};
    gmtime_r(&local, &tm);
    const int offset = utc_offset_minutes < 0 ? -utc_offset_minutes : utc_offset_minutes;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s, %d %s %d %02d:%02d:%02d %c%02d%02d", days[static_cast<std::size_t>(tm.tm_wday)],
                  tm.tm_mday, months[static_cast<std::size_t>(tm.tm_mon)], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  utc_offset_minutes < 0 ? '-' : '+', offset / 60, offset % 60);
    return buffer;
}

std::string format_diffstat(const std::vector<DiffStat>& stats)
{
    std::size_t width = 0, max_changes = 0, added = 0, removed = 0;
    for (const DiffStat& s : stats) {
        width = std::max(width, s.path.size());
        max_changes = std::max(max_changes, s.added + s.removed);
        added += s.added;
        removed += s.removed;
    }
    constexpr std::size_t bar = 50;
    std::string out;
    for (const DiffStat& s : stats) {
        out += " " + s.path + std::string(width - s.path.size(), ' ') + " | ";
        if (s.binary) {
            out += "Bin\n";
            continue;
        }
        const std::size_t total = s.added + s.removed;
        out += std::to_string(total);
        std::size_t plus = s.added, minus = s.removed;
        if (max_changes > bar) {   // scaled like git, keeping at least one mark per non-zero side
            plus = s.added ? std::max<std::size_t>(1, s.added * bar / max_changes) : 0;
            minus = s.removed ? std::max<std::size_t>(1, s.removed * bar / max_changes) : 0;
        }
        out += (total ? " " : "") + std::string(plus, '+') + std::string(minus, '-') + "\n";
    }
    out += " " + std::to_string(stats.size()) + (stats.size() == 1 ? " file changed" : " files changed");
    if (added)
        out += ", " + std::to_string(added) + (added == 1 ? " insertion(+)" : " insertions(+)");
    if (removed)
        out += ", " + std::to_string(removed) + (removed == 1 ? " deletion(-)" : " deletions(-)");
    return out + "\n";
}

std::string format_mbox(const MboxMessage& m)
{
    std::string out;
    out += "From " + (m.commit.empty() ? std::string(40, '0') : m.commit) + " Mon Sep 17 00:00:00 2001\n";
    out += "From: " + encode_header_words(single_line(m.author_name)) + " <" + single_line(m.author_email) + ">\n";
    out += "Date: " + rfc2822_date(m.time, m.utc_offset_minutes) + "\n";
    out += "Subject: [PATCH] " + encode_header_words(single_line(m.summary)) + "\n";
    std::string body;
    const std::string explanation = trim_blank_lines(m.explanation);
    if (!explanation.empty())
        body += protect_body(explanation);
    if (!m.trailers.empty()) {
        if (!explanation.empty())
            body += "\n";
        for (const std::string& trailer : m.trailers)
            body += single_line(trailer) + "\n";
    }
    body += "---\n";
    if (!m.diffstat.empty())
        body += m.diffstat + "\n";
    body += m.diff;
    body += "-- \n" + single_line(m.signature) + "\n\n";
    const bool encode = body.find('\r') != std::string::npos;
    out += "MIME-Version: 1.0\n";
    out += "Content-Type: text/plain; charset=UTF-8\n";
    out += encode ? "Content-Transfer-Encoding: quoted-printable\n" : "Content-Transfer-Encoding: 8bit\n";
    out += "\n";
    out += encode ? quoted_printable(body) : body;
    return out;
}

} // namespace oneshot::patch
