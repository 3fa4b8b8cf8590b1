#include "patch/diagnose.hpp"

#include "patch/text.hpp"

#include <dtl/dtl.hpp>

#include <algorithm>
#include <unordered_map>
#include <vector>

namespace oneshot::patch {

namespace {

// Lines that occur this often ("}", "return 0;") say nothing about where the quote belongs.
constexpr std::size_t max_occurrences_voting = 64;

struct TrimmedEqual {
    bool impl(std::string_view a, std::string_view b) const { return trim_ws(a) == trim_ws(b); }
};

} // namespace

std::string describe_mismatch(std::string_view file_text, std::string_view search, std::size_t max_lines)
{
    const std::vector<std::string_view> file = split_plain_lines(file_text);
    const std::vector<std::string_view> quote = split_plain_lines(search);
    std::vector<std::size_t> file_nonblank;
    std::unordered_map<std::string_view, std::vector<std::size_t>> where;
    for (std::size_t i = 0; i < file.size(); ++i) {
        if (is_blank(file[i]))
            continue;
        where[trim_ws(file[i])].push_back(file_nonblank.size());
        file_nonblank.push_back(i);
    }
    // Every quoted line found in the file votes for the position the quote would then start at.
    std::unordered_map<long, std::size_t> votes;
    long q = 0;
    for (std::string_view line : quote) {
        if (is_blank(line))
            continue;
        if (auto it = where.find(trim_ws(line)); it != where.end() && it->second.size() <= max_occurrences_voting)
            for (std::size_t at : it->second)
                ++votes[static_cast<long>(at) - q];
        ++q;
    }
    if (votes.empty())
        return "No line of the quote occurs in the file.";
    long best = 0;
    std::size_t best_votes = 0;
    for (const auto& [start, count] : votes)
        if (count > best_votes || (count == best_votes && start < best))
            best = start, best_votes = count;

    const long quoted = q;
    const long nb = static_cast<long>(file_nonblank.size());
    const long first_nb = std::clamp(best, 0L, nb - 1);
    const long last_nb = std::clamp(best + quoted - 1, 0L, nb - 1);
    const std::size_t from = file_nonblank[static_cast<std::size_t>(first_nb)];
    const std::size_t to = file_nonblank[static_cast<std::size_t>(last_nb)];   // inclusive

    std::vector<std::string_view> region(file.begin() + static_cast<std::ptrdiff_t>(from),
                                         file.begin() + static_cast<std::ptrdiff_t>(to) + 1);
    std::vector<std::string_view> quote_lines;
    for (std::string_view line : quote)
        if (!is_blank(line))
            quote_lines.push_back(line);
    std::vector<std::string_view> region_lines;
    std::vector<std::size_t> region_numbers;
    for (std::size_t i = 0; i < region.size(); ++i)
        if (!is_blank(region[i]))
            region_lines.push_back(region[i]), region_numbers.push_back(from + i + 1);

    dtl::Diff<std::string_view, std::vector<std::string_view>, TrimmedEqual> diff(quote_lines, region_lines);
    diff.compose();
    std::string out = "Closest region: lines " + std::to_string(from + 1) + "-" + std::to_string(to + 1) + " (" +
                      std::to_string(best_votes) + " of " + std::to_string(quoted) +
                      " quoted lines found there). '-' lines are in the quote but not the file, '+' lines in the "
                      "file but not the quote:\n";
    std::size_t shown = 0;
    for (const auto& [element, info] : diff.getSes().getSequence()) {
        if (shown == max_lines) {
            out += "...\n";
            break;
        }
        ++shown;
        if (info.type == dtl::SES_DELETE) {
            out += "- " + std::string(element) + "\n";
        } else if (info.type == dtl::SES_ADD) {
            const auto line_no = region_numbers[static_cast<std::size_t>(info.afterIdx - 1)];
            out += "+ " + std::string(region_lines[static_cast<std::size_t>(info.afterIdx - 1)]) + "   (line " +
                   std::to_string(line_no) + ")\n";
        } else {
            out += "  " + std::string(region_lines[static_cast<std::size_t>(info.afterIdx - 1)]) + "\n";
        }
    }
    return out;
}

} // namespace oneshot::patch
