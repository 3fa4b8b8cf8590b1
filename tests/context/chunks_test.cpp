// Chunk scoring: which pieces of a large file best match the task.
#include "context/chunks.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace oneshot::context;

TEST_CASE("a task word found all over a file tells its chunks apart less than a rare one", "[context]")
{
    // "config" is in every chunk (it is what the file is about); "timeout" only in the third.
    std::string text;
    for (int c = 0; c < 6; ++c) {
        for (int line = 0; line < 5; ++line) text += c == 0 ? "config config config config\n" : "config value here\n";
        if (c == 3) text += "timeout\n";
    }
    const auto offsets = line_offsets(text);
    std::vector<Chunk> chunks;
    int first = 1;
    for (int c = 0; c < 6; ++c) {
        const int last = first + (c == 3 ? 5 : 4);
        chunks.push_back(Chunk{first, last, "", 0, false, {}});
        first = last + 1;
    }
    // The task repeats "config", so a file-blind score would favour the chunk repeating it.
    const std::vector<QueryTerm> query{{"config", 2.0, 1.0}, {"timeout", 1.0, 1.0}};
    score_chunks(chunks, text, offsets, query);
    for (int c = 0; c < 6; ++c) {
        INFO("chunk " << c);
        if (c != 3) CHECK(chunks[3].score > chunks[static_cast<std::size_t>(c)].score);
    }
}
