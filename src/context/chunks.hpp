// A file cut into the pieces that can be shown verbatim on their own: its innermost definitions
// (with the comments and decorators right above them), long ones split into windows, and the
// code between definitions in windows. Each piece is scored against the task so that a large file
// contributes its relevant functions rather than being dropped or sent whole.
#pragma once

#include "context/file_analysis.hpp"
#include "context/ranking.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace oneshot::context {

// Line starts of a text: offsets[i] is where line i+1 begins; offsets.back() == text.size().
std::vector<std::size_t> line_offsets(std::string_view text);

struct Chunk {
    int first = 0;   // 1-based inclusive
    int last = 0;
    std::string name;            // the definition's name; empty for code between definitions
    double score = 0;            // lexical relevance to the task
    bool header = false;         // the imports and declarations at the top of the file
    std::vector<std::uint32_t> calls;   // name_key of names referenced inside (to pull in what it uses)
};

std::vector<Chunk> partition_file(std::string_view content, const std::vector<std::size_t>& offsets,
                                  const FileAnalysis& analysis);

// BM25-like score of each chunk's text and name against the task's terms.
void score_chunks(std::vector<Chunk>& chunks, std::string_view content, const std::vector<std::size_t>& offsets,
                  const std::vector<QueryTerm>& query);

} // namespace oneshot::context
