#include "context/render.hpp"

namespace oneshot::context {

namespace {

void append_verbatim(std::string& out, std::string_view text)
{
    out += text;
    if (!text.empty() && text.back() != '\n') out += '\n';
}

} // namespace

std::string render_intro()
{
    return "Repository files for the task. Blocks between \"==> path <==\" and \"<== end path ==>\" hold exact "
           "file text (line numbers are in the headers, never in the text). Outlines list signatures as "
           "\"line: text\". Most relevant last.\n\n";
}

std::string render_full(std::string_view path, std::string_view content, int lines)
{
    std::string out = "==> " + std::string(path) + " (whole file, " + std::to_string(lines) + " lines) <==\n";
    append_verbatim(out, content);
    out += "<== end " + std::string(path) + " ==>\n\n";
    return out;
}

std::string render_regions(std::string_view path, std::string_view content, const std::vector<std::size_t>& offsets,
                           const std::vector<std::pair<int, int>>& regions, int lines)
{
    std::string out = "==> " + std::string(path) + " (excerpts of " + std::to_string(lines) + " lines) <==\n";
    for (const auto& [first, last] : regions) {
        out += "--- " + std::string(path) + " lines " + std::to_string(first) + "-" + std::to_string(last) + " ---\n";
        const std::size_t begin = offsets[static_cast<std::size_t>(first - 1)];
        const std::size_t end = offsets[static_cast<std::size_t>(last)];
        append_verbatim(out, content.substr(begin, end - begin));
    }
    out += "<== end " + std::string(path) + " ==>\n\n";
    return out;
}

std::string render_outline(std::string_view path, const std::vector<std::pair<int, std::string>>& entries, int lines,
                           bool rest_of)
{
    std::string out = "==> " + std::string(path) + (rest_of ? " (outline of the rest, " : " (outline, ") +
                      std::to_string(lines) + " lines) <==\n";
    for (const auto& [line, text] : entries) out += std::to_string(line) + ": " + text + "\n";
    out += "\n";
    return out;
}

std::string render_listing(const std::vector<std::string>& paths, std::size_t unlisted)
{
    std::string out = "==> other files (paths only) <==\n";
    for (const auto& p : paths) out += p + "\n";
    if (unlisted > 0) out += "(" + std::to_string(unlisted) + " more files not listed)\n";
    out += "\n";
    return out;
}

} // namespace oneshot::context
