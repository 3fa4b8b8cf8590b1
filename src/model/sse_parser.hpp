// Server-Sent Events framing (WHATWG event-stream rules) as pure code: bytes in, complete events
// out. Byte slices from the network may split anything (a UTF-8 character, a JSON escape, "data:",
// a "\r\n" pair), so nothing is decoded until its event is complete.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace oneshot::model {

struct SseEvent {
    std::string event;   // the "event:" field; empty when the stream sends none (Chat Completions)
    std::string data;    // "data:" lines joined with '\n'
    bool operator==(const SseEvent&) const = default;
};

class SseParser {
public:
    // Feeds the next slice of the body; returns the events it completed, in order.
    std::vector<SseEvent> feed(std::string_view bytes);
    // Feeds more bytes, appending completed events to `out` (avoids a vector per slice).
    void feed(std::string_view bytes, std::vector<SseEvent>& out);
    // End of body: a final event not followed by an empty line is dispatched too, because several
    // servers omit the last blank line before closing.
    std::vector<SseEvent> finish();
    // Bytes seen so far (comments included): what an idle guard counts as activity.
    std::size_t bytes_seen() const { return bytes_seen_; }

private:
    void line(std::string_view text, std::vector<SseEvent>& out);
    void dispatch(std::vector<SseEvent>& out);

    std::string pending_;          // an incomplete line
    bool held_cr_ = false;         // the previous slice ended in '\r': a following '\n' belongs to it
    std::string event_;
    std::string data_;
    bool has_data_ = false;
    std::size_t bytes_seen_ = 0;
};

} // namespace oneshot::model
