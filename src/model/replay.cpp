#include "model/replay.hpp"

#include "core/json_text.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace oneshot::model {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::mutex positions_mutex;
std::map<std::string, int> positions;   // replay directory -> requests answered so far

std::string exchange_name(int number)
{
    char name[16];
    std::snprintf(name, sizeof name, "%03d", number);
    return name;
}

std::optional<std::string> read_file(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string endpoint_of(const std::string& url)
{
    const auto scheme = url.find("://");
    const auto path = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    return path == std::string::npos ? "/" : url.substr(path);
}

class ReplayTransport final : public Transport {
public:
    explicit ReplayTransport(std::string dir) : dir_(std::move(dir)) {}

    Result<HttpResponse> perform(const HttpRequest&, const TransferLimits&, const StreamSink& on_stream,
                                 const Tick&) override
    {
        int number = 0;
        {
            std::lock_guard lock(positions_mutex);
            number = ++positions[dir_];
        }
        const fs::path base = fs::path(dir_) / exchange_name(number);
        HttpResponse response;
        json meta = json::object();
        if (auto text = read_file(base.string() + ".meta.json")) {
            meta = json::parse(*text, nullptr, false);
            if (!meta.is_object())
                return make_error(ErrorKind::config, "replay: " + base.string() + ".meta.json is not a JSON object");
        }
        std::optional<std::string> body = read_file(base.string() + ".response.sse");
        std::string content_type = "text/event-stream";
        if (!body) {
            body = read_file(base.string() + ".response.json");
            content_type = "application/json";
        }
        if (!body)
            return make_error(ErrorKind::config, "replay: request " + std::to_string(number) + " has no recorded answer (" +
                                                     base.string() + ".response.sse or .response.json)");
        response.status = meta.value("status", 200L);
        if (meta.contains("headers") && meta["headers"].is_object())
            for (auto& [name, value] : meta["headers"].items())
                if (value.is_string()) {
                    std::string lower_name = name;
                    for (auto& c : lower_name)
                        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                    response.headers[lower_name] = value.get<std::string>();
                }
        response.headers.try_emplace("content-type", content_type);
        if (meta.contains("provider") && meta["provider"].is_string()) {
            response.format = parse_provider(meta["provider"].get<std::string>());
            if (!response.format)
                return make_error(ErrorKind::config, "replay: unknown provider in " + base.string() + ".meta.json");
        }
        response.body = std::move(*body);
        if (response.status >= 200 && response.status < 300 && response.is_event_stream() && on_stream)
            on_stream(response.body);
        return response;
    }

private:
    std::string dir_;
};

class RecordingTransport final : public Transport {
public:
    RecordingTransport(std::unique_ptr<Transport> inner, std::string dir, Provider provider)
        : inner_(std::move(inner)), dir_(std::move(dir)), provider_(provider) {}

    Result<HttpResponse> perform(const HttpRequest& request, const TransferLimits& limits, const StreamSink& on_stream,
                                 const Tick& on_tick) override
    {
        auto result = inner_->perform(request, limits, on_stream, on_tick);
        if (!result.ok())
            return result;   // nothing was answered: a replay could not reproduce a cut anyway
        if (auto saved = save(request, *result); !saved.ok())
            return saved.take_error();
        return result;
    }

private:
    Status save(const HttpRequest& request, const HttpResponse& response)
    {
        static std::mutex mutex;
        std::lock_guard lock(mutex);
        std::error_code ec;
        fs::create_directories(dir_, ec);
        int number = 1;
        while (fs::exists(fs::path(dir_) / (exchange_name(number) + ".meta.json")))
            ++number;
        const fs::path base = fs::path(dir_) / exchange_name(number);

        json headers = json::object();
        for (const auto& [name, value] : request.headers)
            headers[name] = is_secret_header(name) ? "<redacted>" : value;
        json body = json::parse(request.body, nullptr, false);
        json request_record = {{"method", request.method}, {"url", request.url}, {"headers", headers},
                               {"body", body.is_discarded() ? json(request.body) : body}};
        json response_headers = json::object();
        for (const auto& [name, value] : response.headers)
            if (!is_secret_header(name) && name != "set-cookie")
                response_headers[name] = value;
        json meta = {{"status", response.status}, {"provider", provider_name(provider_)},
                     {"endpoint", endpoint_of(request.url)}, {"headers", response_headers}};
        const auto dump = [](const json& value) { return json_text(value, 2) + "\n"; };
        const std::string extension = response.is_event_stream() ? ".response.sse" : ".response.json";
        bool ok = write(base.string() + ".request.json", dump(request_record));
        ok = ok && write(base.string() + extension, response.body);
        ok = ok && write(base.string() + ".meta.json", dump(meta));   // last: it marks the exchange complete
        if (!ok)
            return make_error(ErrorKind::config, "--record: cannot write to " + dir_);
        return Ok{};
    }

    static bool write(const std::string& path, const std::string& text)
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << text;
        return static_cast<bool>(out.flush());
    }

    std::unique_ptr<Transport> inner_;
    std::string dir_;
    Provider provider_;
};

} // namespace

std::unique_ptr<Transport> make_replay_transport(const std::string& dir)
{
    return std::make_unique<ReplayTransport>(dir);
}

std::unique_ptr<Transport> make_recording_transport(std::unique_ptr<Transport> inner, const std::string& dir,
                                                    Provider provider)
{
    return std::make_unique<RecordingTransport>(std::move(inner), dir, provider);
}

void reset_replay_position(const std::string& dir)
{
    std::lock_guard lock(positions_mutex);
    positions.erase(dir);
}

} // namespace oneshot::model
