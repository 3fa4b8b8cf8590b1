#include "model/sse_parser.hpp"

#include <cstring>

namespace oneshot::model {

namespace {

// The first '\r' or '\n' at or after `pos`. Two memchr calls (vectorised in libc) instead of a
// byte loop: lines are long and line ends rare, so this is most of the framing cost.
std::size_t find_line_end(std::string_view bytes, std::size_t pos)
{
    const char* start = bytes.data() + pos;
    const std::size_t size = bytes.size() - pos;
    const void* lf = std::memchr(start, '\n', size);
    const std::size_t limit = lf ? static_cast<std::size_t>(static_cast<const char*>(lf) - start) : size;
    const void* cr = std::memchr(start, '\r', limit);
    if (cr)
        return pos + static_cast<std::size_t>(static_cast<const char*>(cr) - start);
    return lf ? pos + limit : std::string_view::npos;
}

} // namespace

std::vector<SseEvent> SseParser::feed(std::string_view bytes)
{
    std::vector<SseEvent> out;
    feed(bytes, out);
    return out;
}

void SseParser::feed(std::string_view bytes, std::vector<SseEvent>& out)
{
    bytes_seen_ += bytes.size();
    std::size_t pos = 0;
    if (held_cr_ && !bytes.empty()) {
        held_cr_ = false;
        if (bytes[0] == '\n')
            pos = 1;
    }
    while (pos < bytes.size()) {
        const std::size_t end = find_line_end(bytes, pos);
        if (end == std::string_view::npos) {
            pending_.append(bytes.substr(pos));
            return;
        }
        if (pending_.empty()) {
            line(bytes.substr(pos, end - pos), out);
        } else {
            pending_.append(bytes.substr(pos, end - pos));
            line(pending_, out);
            pending_.clear();
        }
        pos = end + 1;
        if (bytes[end] == '\r') {
            if (pos == bytes.size())
                held_cr_ = true;
            else if (bytes[pos] == '\n')
                ++pos;
        }
    }
}

std::vector<SseEvent> SseParser::finish()
{
    std::vector<SseEvent> out;
    if (!pending_.empty()) {
        line(pending_, out);
        pending_.clear();
    }
    dispatch(out);
    held_cr_ = false;
    return out;
}

void SseParser::line(std::string_view text, std::vector<SseEvent>& out)
{
    if (text.empty()) {
        dispatch(out);
        return;
    }
    if (text.front() == ':')
        return;   // comment or keep-alive
    const std::size_t colon = text.find(':');
    std::string_view field = text.substr(0, colon);
    std::string_view value;
    if (colon != std::string_view::npos) {
        value = text.substr(colon + 1);
        if (!value.empty() && value.front() == ' ')
            value.remove_prefix(1);
    }
    if (field == "data") {
        if (has_data_)
            data_.push_back('\n');
        data_.append(value);
        has_data_ = true;
    } else if (field == "event") {
        event_.assign(value);
    }
    // "id", "retry" and unknown fields do not matter for one-shot answers.
}

void SseParser::dispatch(std::vector<SseEvent>& out)
{
    if (has_data_)
        out.push_back(SseEvent{std::move(event_), std::move(data_)});
    event_.clear();
    data_.clear();
    has_data_ = false;
}

} // namespace oneshot::model
