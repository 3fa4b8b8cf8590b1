// SSE parser throughput on a large synthetic Responses stream: framing alone, and framing plus the
// per-event JSON decoding that the client does. Not run by ctest; see sse_bench.cmake.
//
//   cmake -S . -B build -DONESHOT_BENCH=ON   (the default RelWithDebInfo build, -O2)
//   cmake --build build --target sse_bench && ./build/sse_bench [MEGABYTES]
#include "model/answer_state.hpp"
#include "model/sse_parser.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace oneshot::model;

namespace {

// Responses-style output_text.delta events with escapes, multi-byte UTF-8 and CRLF line ends
// mixed in, plus keep-alive comments: what the parser's slow paths exist for.
std::string synthetic_stream(std::size_t target_bytes, std::size_t& events, std::size_t& answer_bytes)
{
    std::string out;
    out.reserve(target_bytes + 1024);
    std::size_t n = 0;
    answer_bytes = 0;
    while (out.size() < target_bytes) {
        const bool crlf = n % 7 == 0;
        const char* eol = crlf ? "\r\n" : "\n";
        if (n % 50 == 0) {
            out += ": keep-alive";
            out += eol;
            out += eol;
        }
        const std::string delta = n % 3 == 0 ? "    if (x == \\\"caf\xC3\xA9\\\") {\\n" : "return \\\\n + 1; // \xF0\x9F\x98\x80";
        out += "event: response.output_text.delta";
        out += eol;
        out += "data: {\"type\":\"response.output_text.delta\",\"sequence_number\":" + std::to_string(n) +
               ",\"item_id\":\"msg_1\",\"output_index\":1,\"content_index\":0,\"delta\":\"" + delta + "\",\"logprobs\":[]}";
        out += eol;
        out += eol;
        answer_bytes += delta.size();
        ++n;
    }
    events = n;
    return out;
}

double seconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv)
{
    const double megabytes = argc > 1 ? std::atof(argv[1]) : 200.0;
    std::size_t events = 0;
    std::size_t answer_bytes = 0;
    const std::string stream = synthetic_stream(static_cast<std::size_t>(megabytes * 1e6), events, answer_bytes);
    const double mb = static_cast<double>(stream.size()) / 1e6;
    std::printf("stream: %.1f MB, %zu events\n", mb, events);

    for (std::size_t slice : {16384UL, 1024UL, 7UL}) {
        SseParser parser;
        std::vector<SseEvent> out;
        std::size_t seen = 0;
        const auto start = std::chrono::steady_clock::now();
        for (std::size_t pos = 0; pos < stream.size(); pos += slice) {
            parser.feed(std::string_view(stream).substr(pos, slice), out);
            seen += out.size();
            out.clear();
        }
        seen += parser.finish().size();
        const double s = seconds_since(start);
        if (seen != events) {
            std::fprintf(stderr, "framing lost events: %zu of %zu\n", seen, events);
            return 1;
        }
        std::printf("framing only,   %5zu-byte slices: %8.1f MB/s  %10.0f events/s\n", slice, mb / s,
                    static_cast<double>(events) / s);
    }

    {
        SseParser parser;
        AnswerState state;
        std::vector<SseEvent> out;
        const auto start = std::chrono::steady_clock::now();
        for (std::size_t pos = 0; pos < stream.size(); pos += 16384) {
            parser.feed(std::string_view(stream).substr(pos, 16384), out);
            for (const auto& event : out)
                apply_event(Provider::openai_responses, event, state);
            out.clear();
        }
        const double s = seconds_since(start);
        if (state.text.size() == 0 || state.ending == Ending::error) {
            std::fprintf(stderr, "decoding failed: %s\n", state.reason.c_str());
            return 1;
        }
        std::printf("framing + JSON, 16384-byte slices: %8.1f MB/s  %10.0f events/s  (answer %.1f MB)\n", mb / s,
                    static_cast<double>(events) / s, static_cast<double>(state.text.size()) / 1e6);
    }
    return 0;
}
