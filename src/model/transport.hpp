// One HTTP exchange, behind an interface so that live traffic (libcurl), recording and replay all
// feed the same response parsing.
#pragma once

#include "core/error.hpp"
#include "model/request.hpp"
#include "model/retry.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace oneshot::model {

struct HttpResponse {
    long status = 0;
    Headers headers;                 // lower-case names; the last response's (after 100-continue)
    std::string body;                // the whole raw body, streamed or not
    std::optional<Provider> format;  // replay: the provider whose wire format the body is in
    bool is_event_stream() const;
};

struct TransferLimits {
    double connect_timeout_s = 30;
    double idle_timeout_s = 300;     // streams only: no byte received for this long fails the attempt
    std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
    // False only for the short, deadline-bounded request that cancels a remote response after
    // Ctrl-C: it must go out although an interrupt is pending, and no flag may be cleared for it
    // (a real SIGINT's flag cannot be, and clearing it would lose the user's Ctrl-C).
    bool cancellable = true;
    // A server (or anything posing as one) could otherwise grow the body until memory runs out.
    // The largest legitimate body is a streamed answer at the biggest output limit (128k tokens):
    // every token is one SSE event of a few hundred bytes, about 40 MiB; 256 MiB leaves room.
    std::size_t max_body_bytes = std::size_t{256} << 20;
    // Headers are a few kilobytes; a megabyte of them is a hostile or broken server.
    std::size_t max_header_bytes = std::size_t{1} << 20;
};

// Receives the body of a 2xx event stream slice by slice, as it arrives.
using StreamSink = std::function<void(std::string_view)>;
// Called about every 100 ms while a transfer runs (progress display).
using Tick = std::function<void()>;

class Transport {
public:
    virtual ~Transport() = default;
    // Errors: network (connect, TLS, cut, idle or overall timeout), interrupted (cancel_requested),
    // config (replay directory without this exchange). HTTP error statuses are not errors here.
    virtual Result<HttpResponse> perform(const HttpRequest& request, const TransferLimits& limits,
                                         const StreamSink& on_stream, const Tick& on_tick) = 0;
};

std::unique_ptr<Transport> make_curl_transport();

} // namespace oneshot::model
