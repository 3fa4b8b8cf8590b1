#include "model/retry.hpp"

#include "core/json_text.hpp"
#include "core/utf8.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace oneshot::model {

using nlohmann::json;

namespace {

std::optional<double> parse_number(const std::string& text)
{
    double value = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    while (begin < end && *begin == ' ')
        ++begin;
    auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc() || ptr == begin || !std::isfinite(value))
        return std::nullopt;
    return value;
}

std::string header(const Headers& headers, const std::string& name)
{
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

std::string text_of(const json& value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_null())
        return {};
    return json_text(value);
}

struct ErrorBody {
    std::string message;
    std::string type;
    std::string code;
};

ErrorBody parse_error_body(std::string_view body)
{
    ErrorBody out;
    json data = json::parse(body, nullptr, false);
    if (data.is_object()) {
        const json& error = data.contains("error") ? data["error"] : data;   // vLLM: {"object":"error",...}
        if (error.is_object()) {
            out.message = error.contains("message") ? text_of(error["message"]) : "";
            out.type = error.contains("type") ? text_of(error["type"]) : "";
            out.code = error.contains("code") ? text_of(error["code"]) : "";
            // Anthropic's monthly spend cap: error.details.error_code.
            if (error.contains("details") && error["details"].is_object() && error["details"].contains("error_code"))
                out.code = text_of(error["details"]["error_code"]);
        } else if (error.is_string()) {
            out.message = error.get<std::string>();
        }
    }
    if (out.message.empty()) {
        std::string raw(utf8_prefix(body, 300));
        std::replace(raw.begin(), raw.end(), '\n', ' ');
        out.message = raw.empty() ? "(empty body)" : raw;
    }
    return out;
}

bool quota_exhausted(const ErrorBody& body)
{
    for (const std::string* field : {&body.code, &body.type})
        if (*field == "insufficient_quota" || field->find("spend_limit") != std::string::npos ||
            *field == "billing_hard_limit_reached")
            return true;
    return false;
}

} // namespace

std::string request_id(const Headers& headers)
{
    for (const char* name : {"x-request-id", "request-id", "x-generation-id"})
        if (auto id = header(headers, name); !id.empty())
            return id;
    return {};
}

std::optional<double> parse_retry_after(const Headers& headers)
{
    if (auto ms = parse_number(header(headers, "retry-after-ms")))
        return *ms / 1000.0;
    if (auto s = parse_number(header(headers, "retry-after")))
        return *s;
    return std::nullopt;
}

double retry_delay_s(int retry, std::optional<double> retry_after_s, double unit_random)
{
    if (retry_after_s && *retry_after_s >= 0 && *retry_after_s <= 60)
        return *retry_after_s;
    const double base = std::min(8.0, 0.5 * std::pow(2.0, retry));
    return base * (1.0 - 0.25 * std::clamp(unit_random, 0.0, 1.0));
}

Failure classify_http_error(Provider provider, long status, const Headers& headers, std::string_view body)
{
    const ErrorBody parsed = parse_error_body(body);
    Failure failure;
    failure.retry_after_s = parse_retry_after(headers);
    switch (status) {
    case 408: case 409: case 429: case 500: case 502: case 503: case 504: case 529:
        failure.retryable = true;
        break;
    default:
        failure.retryable = status >= 500;
    }
    if (status == 429 && quota_exhausted(parsed))
        failure.retryable = false;
    failure.rate_limited = status == 429 && failure.retryable;
    // A server's explicit hint wins, as in both SDKs.
    if (auto hint = header(headers, "x-should-retry"); hint == "true" || hint == "false")
        failure.retryable = hint == "true";
    // The OpenAI SDK gives up rather than wait more than two minutes.
    if (failure.retry_after_s && *failure.retry_after_s > 120)
        failure.retryable = false;

    std::string message = std::string(provider_name(provider)) + " answered HTTP " + std::to_string(status);
    if (!parsed.type.empty() || !parsed.code.empty())
        message += " (" + (parsed.code.empty() ? parsed.type : parsed.code) + ")";
    message += ": " + parsed.message;
    if (status == 401)
        message += " — check the API key";
    if (status == 429 && !failure.retryable)
        message += " — quota or spend limit reached";
    if (auto id = request_id(headers); !id.empty())
        message += " [request id " + id + "]";
    failure.error = make_error(ErrorKind::model, message, std::string(utf8_prefix(body, 4000)));
    return failure;
}

} // namespace oneshot::model
