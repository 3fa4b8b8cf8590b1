// libcurl behind the Transport interface. A multi handle drives one easy handle so that the loop
// wakes every 50 ms: cancellation, the idle guard and the deadline are checked promptly even when
// the server sends nothing for minutes (reasoning models do).
#include "model/cancel.hpp"
#include "model/transport.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

namespace oneshot::model {

namespace {

struct EasyDeleter { void operator()(CURL* h) const { curl_easy_cleanup(h); } };
struct MultiDeleter { void operator()(CURLM* h) const { curl_multi_cleanup(h); } };
struct SlistDeleter { void operator()(curl_slist* l) const { curl_slist_free_all(l); } };
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using MultiHandle = std::unique_ptr<CURLM, MultiDeleter>;
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

// Removes the easy handle from the multi handle before either is destroyed.
class Attachment {
public:
    Attachment(CURLM* multi, CURL* easy) : multi_(multi), easy_(easy) { curl_multi_add_handle(multi_, easy_); }
    ~Attachment() { curl_multi_remove_handle(multi_, easy_); }
    Attachment(const Attachment&) = delete;
    Attachment& operator=(const Attachment&) = delete;
private:
    CURLM* multi_;
    CURL* easy_;
};

void global_init_once()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::string trim(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return std::string(text);
}

struct Exchange {
    CURL* handle = nullptr;
    HttpResponse response;
    const StreamSink* on_stream = nullptr;
    std::chrono::steady_clock::time_point last_byte = std::chrono::steady_clock::now();
    bool streaming_decided = false;
    bool streaming = false;
    std::size_t max_body_bytes = 0;
    std::size_t max_header_bytes = 0;
    std::size_t header_bytes = 0;
    const char* too_large = nullptr;   // "body" or "headers": the transfer was stopped at the cap
};

size_t on_header(char* data, size_t size, size_t count, void* user)
{
    auto& exchange = *static_cast<Exchange*>(user);
    const std::string_view line(data, size * count);
    exchange.last_byte = std::chrono::steady_clock::now();
    exchange.header_bytes += line.size();
    if (exchange.header_bytes > exchange.max_header_bytes) {
        exchange.too_large = "headers";
        return 0;   // libcurl stops the transfer with CURLE_WRITE_ERROR
    }
    if (line.starts_with("HTTP/")) {
        exchange.response.headers.clear();   // a new response (after 100 Continue or a redirect)
        return size * count;
    }
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
        std::string name = trim(line.substr(0, colon));
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        exchange.response.headers[name] = trim(line.substr(colon + 1));
    }
    return size * count;
}

size_t on_body(char* data, size_t size, size_t count, void* user)
{
    auto& exchange = *static_cast<Exchange*>(user);
    const std::string_view bytes(data, size * count);
    exchange.last_byte = std::chrono::steady_clock::now();
    if (bytes.size() > exchange.max_body_bytes - std::min(exchange.max_body_bytes, exchange.response.body.size())) {
        exchange.too_large = "body";
        return 0;   // libcurl stops the transfer with CURLE_WRITE_ERROR
    }
    exchange.response.body.append(bytes);
    if (!exchange.streaming_decided) {
        exchange.streaming_decided = true;
        curl_easy_getinfo(exchange.handle, CURLINFO_RESPONSE_CODE, &exchange.response.status);
        exchange.streaming = exchange.response.status >= 200 && exchange.response.status < 300 &&
                             exchange.response.is_event_stream();
    }
    if (exchange.streaming && exchange.on_stream && *exchange.on_stream)
        (*exchange.on_stream)(bytes);
    return size * count;
}

double seconds_since(std::chrono::steady_clock::time_point then)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - then).count();
}

class CurlTransport final : public Transport {
public:
    Result<HttpResponse> perform(const HttpRequest& request, const TransferLimits& limits,
                                 const StreamSink& on_stream, const Tick& on_tick) override
    {
        global_init_once();
        EasyHandle easy(curl_easy_init());
        MultiHandle multi(curl_multi_init());
        if (!easy || !multi)
            return make_error(ErrorKind::internal, "libcurl could not create a handle");

        HeaderList headers;
        for (const auto& [name, value] : request.headers) {
            // "Name;" is libcurl's way to send a header with an empty value; "Name:" removes it.
            const std::string line = value.empty() && name == "Expect" ? name + ":" : name + ": " + value;
            curl_slist* next = curl_slist_append(headers.get(), line.c_str());
            if (!next)
                return make_error(ErrorKind::internal, "libcurl could not build the request headers");
            static_cast<void>(headers.release());   // `next` is the same list, now one longer
            headers.reset(next);
        }

        Exchange exchange;
        exchange.on_stream = &on_stream;
        exchange.max_body_bytes = limits.max_body_bytes;
        exchange.max_header_bytes = limits.max_header_bytes;
        CURL* h = easy.get();
        exchange.handle = h;
        curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
        if (request.method == "POST") {
            curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
            curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        } else {
            curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
        }
        curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(h, CURLOPT_HEADERDATA, &exchange);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &exchange);
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits.connect_timeout_s * 1000));
        curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
        curl_easy_setopt(h, CURLOPT_TCP_KEEPIDLE, 60L);
        curl_easy_setopt(h, CURLOPT_TCP_KEEPINTVL, 60L);
        curl_easy_setopt(h, CURLOPT_USERAGENT, "git-oneshot/" ONESHOT_VERSION);
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");

        Attachment attached(multi.get(), h);
        for (;;) {
            int running = 0;
            if (CURLMcode mc = curl_multi_perform(multi.get(), &running); mc != CURLM_OK)
                return make_error(ErrorKind::network, std::string("libcurl: ") + curl_multi_strerror(mc));
            if (exchange.response.status == 0)
                curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &exchange.response.status);
            if (running == 0)
                break;
            if (limits.cancellable && cancel_requested())
                return make_error(ErrorKind::interrupted, "interrupted while waiting for the model");
            if (std::chrono::steady_clock::now() >= limits.deadline)
                return make_error(ErrorKind::network, "the overall deadline (--timeout) passed while waiting for " + request.url);
            // A plain (non-streamed) answer is silent until it is complete: only streams have an
            // idle guard; plain requests rely on the overall deadline.
            if (request.stream && seconds_since(exchange.last_byte) > limits.idle_timeout_s)
                return make_error(ErrorKind::network, "no bytes from " + request.url + " for " +
                                                          std::to_string(static_cast<long>(limits.idle_timeout_s)) +
                                                          " s (--idle-timeout)");
            if (on_tick)
                on_tick();
            curl_multi_poll(multi.get(), nullptr, 0, 50, nullptr);
        }

        int left = 0;
        CURLcode result = CURLE_OK;
        while (CURLMsg* message = curl_multi_info_read(multi.get(), &left))
            if (message->msg == CURLMSG_DONE)
                result = message->data.result;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &exchange.response.status);
        if (exchange.too_large) {
            const std::size_t cap = exchange.too_large == std::string_view("body") ? limits.max_body_bytes : limits.max_header_bytes;
            // Not a network error: asking again would bring the same oversized answer, so no retry.
            return make_error(ErrorKind::model, "the response from " + request.url + " was refused: its " + exchange.too_large +
                                                      " passed the limit of " + std::to_string(cap) + " bytes");
        }
        if (result != CURLE_OK) {
            std::string what = curl_easy_strerror(result);
            if (result == CURLE_OPERATION_TIMEDOUT && exchange.response.status == 0)
                what = "connect timeout";
            return make_error(ErrorKind::network, "request to " + request.url + " failed: " + what +
                                                      (exchange.response.status ? " (after HTTP " + std::to_string(exchange.response.status) + ")" : ""));
        }
        return std::move(exchange.response);
    }
};

} // namespace

bool HttpResponse::is_event_stream() const
{
    auto it = headers.find("content-type");
    return it != headers.end() && it->second.find("text/event-stream") != std::string::npos;
}

std::unique_ptr<Transport> make_curl_transport()
{
    return std::make_unique<CurlTransport>();
}

} // namespace oneshot::model
