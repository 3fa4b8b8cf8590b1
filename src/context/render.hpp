// The text forms of the context, as the prompt embeds them. Verbatim text is never decorated:
// line numbers go in the block headers, so the model can copy lines exactly into a search text.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oneshot::context {

std::string render_intro();

// A whole file: header naming the path and its line count, the text, an end marker.
std::string render_full(std::string_view path, std::string_view content, int lines);

// Some line ranges of a file verbatim, each under a "lines a-b" header.
std::string render_regions(std::string_view path, std::string_view content, const std::vector<std::size_t>& offsets,
                           const std::vector<std::pair<int, int>>& regions, int lines);

// Signature lines with their numbers; `rest_of` says the file's verbatim part is shown elsewhere.
std::string render_outline(std::string_view path, const std::vector<std::pair<int, std::string>>& entries, int lines,
                           bool rest_of);

std::string render_listing(const std::vector<std::string>& paths, std::size_t unlisted);

} // namespace oneshot::context
