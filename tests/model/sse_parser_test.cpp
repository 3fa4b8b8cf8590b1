#include "model/sse_parser.hpp"

#include <catch2/catch.hpp>

using oneshot::model::SseEvent;
using oneshot::model::SseParser;

namespace {

std::vector<SseEvent> parse_whole(std::string_view text)
{
    SseParser parser;
    auto events = parser.feed(text);
    for (auto& e : parser.finish())
        events.push_back(std::move(e));
    return events;
}

std::vector<SseEvent> parse_in_pieces(std::string_view text, const std::vector<std::size_t>& cuts)
{
    SseParser parser;
    std::vector<SseEvent> events;
    std::size_t from = 0;
    for (std::size_t cut : cuts) {
        parser.feed(text.substr(from, cut - from), events);
        from = cut;
    }
    parser.feed(text.substr(from), events);
    for (auto& e : parser.finish())
        events.push_back(std::move(e));
    return events;
}

} // namespace

TEST_CASE("SSE: fields, comments, multi-line data and line endings", "[model]")
{
    const std::string stream =
        ": keep-alive\n\n"
        "event: response.created\ndata: {\"a\":1}\n\n"
        "data:{\"no\":\"space\"}\r\n\r\n"
        "event: multi\rdata: {\"x\":\r\ndata: 2}\r\r"
        "id: 7\nretry: 100\nunknown: field\ndata: [DONE]\n\n"
        "\n\n"
        "data: last without blank line";
    const std::vector<SseEvent> expected = {
        {"response.created", "{\"a\":1}"},
        {"", "{\"no\":\"space\"}"},
        {"multi", "{\"x\":\n2}"},
        {"", "[DONE]"},
        {"", "last without blank line"},
    };
    CHECK(parse_whole(stream) == expected);
}

TEST_CASE("SSE: a stream split at every byte position gives the same events", "[model]")
{
    // UTF-8 (é is 2 bytes, 😀 4 bytes), JSON escapes and CRLF pairs are all split somewhere.
    const std::string stream = "event: e\r\ndata: {\"t\":\"caf\xC3\xA9 \\\"q\\\" \\u00e9 \xF0\x9F\x98\x80\"}\r\n\r\n"
                               ": ping\r\n\r\ndata: {\"n\":2}\r\r";
    const auto expected = parse_whole(stream);
    REQUIRE(expected.size() == 2);
    for (std::size_t cut = 0; cut <= stream.size(); ++cut)
        CHECK(parse_in_pieces(stream, {cut}) == expected);
    for (std::size_t a = 0; a <= stream.size(); a += 3)
        for (std::size_t b = a; b <= stream.size(); b += 5)
            CHECK(parse_in_pieces(stream, {a, b}) == expected);
    std::vector<std::size_t> every_byte;
    for (std::size_t i = 1; i < stream.size(); ++i)
        every_byte.push_back(i);
    CHECK(parse_in_pieces(stream, every_byte) == expected);
}

TEST_CASE("SSE: a CR at the end of a slice is not a second line end when LF follows", "[model]")
{
    SseParser parser;
    auto first = parser.feed("data: a\r");
    CHECK(first.empty());
    auto second = parser.feed("\n\r");
    REQUIRE(second.size() == 1);
    CHECK(second[0].data == "a");
    auto third = parser.feed("\ndata: b\n\n");
    REQUIRE(third.size() == 1);
    CHECK(third[0].data == "b");
}

TEST_CASE("SSE: an event line without data dispatches nothing", "[model]")
{
    CHECK(parse_whole("event: ping\n\n: comment only\n\n").empty());
}
