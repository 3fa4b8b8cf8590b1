#include "model/key_routing.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace oneshot::model {

namespace {

struct UrlDeleter { void operator()(CURLU* u) const { curl_url_cleanup(u); } };
struct CurlTextDeleter { void operator()(char* p) const { curl_free(p); } };
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;
using CurlText = std::unique_ptr<char, CurlTextDeleter>;

std::optional<std::string> url_part(CURLU* url, CURLUPart part)
{
    char* raw = nullptr;
    if (curl_url_get(url, part, &raw, 0) != CURLUE_OK || !raw) return std::nullopt;
    CurlText text(raw);
    return std::string(text.get());
}

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool is_loopback_host(const std::string& host)
{
    if (host == "localhost" || host == "[::1]") return true;
    // libcurl normalises IPv4 spellings (0x7f.1, 2130706433) to dotted decimal, so a prefix is exact.
    return host.starts_with("127.") && host.find_first_not_of("0123456789.") == std::string::npos;
}

const char* provider_host(Provider provider)
{
    return provider == Provider::anthropic ? "api.anthropic.com" : "api.openai.com";
}

const char* provider_key_variable(Provider provider)
{
    return provider == Provider::anthropic ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY";
}

std::string value_of(const EnvLookup& env, const std::string& name)
{
    auto value = env(name);
    return value ? *value : std::string();
}

} // namespace

Result<Endpoint> parse_endpoint(std::string_view text)
{
    const std::string shown(text);
    UrlHandle url(curl_url());
    if (!url) return make_error(ErrorKind::internal, "libcurl could not create a URL handle");
    if (curl_url_set(url.get(), CURLUPART_URL, shown.c_str(), 0) != CURLUE_OK)
        return make_error(ErrorKind::config, "base URL '" + shown + "' is not a URL (write it as https://host/path)");
    Endpoint endpoint;
    endpoint.scheme = lower(url_part(url.get(), CURLUPART_SCHEME).value_or(""));
    endpoint.host = lower(url_part(url.get(), CURLUPART_HOST).value_or(""));
    endpoint.port = url_part(url.get(), CURLUPART_PORT).value_or("");
    if (endpoint.scheme != "https" && endpoint.scheme != "http")
        return make_error(ErrorKind::config, "base URL '" + shown + "': only https (or http to this machine) is supported");
    if (endpoint.host.empty()) return make_error(ErrorKind::config, "base URL '" + shown + "' names no host");
    endpoint.loopback = is_loopback_host(endpoint.host);
    return endpoint;
}

bool is_provider_host(Provider provider, std::string_view url)
{
    auto endpoint = parse_endpoint(url);
    return endpoint && endpoint->scheme == "https" && endpoint->host == provider_host(provider) &&
           (endpoint->port.empty() || endpoint->port == "443");
}

Result<KeyChoice> choose_api_key(Provider provider, std::string_view base_url, const EnvLookup& env, std::string_view key_variable)
{
    const std::string url = base_url.empty() ? default_base_url(provider) : std::string(base_url);
    auto endpoint = parse_endpoint(url);
    if (!endpoint) return endpoint.take_error();
    if (endpoint->scheme == "http" && !endpoint->loopback) {
        return make_error(ErrorKind::config, "base URL '" + url + "': plain http is only allowed to this machine (localhost, 127.0.0.1, [::1]); "
                                             "use https, so that the prompt and any key are not sent in clear text");
    }
    const std::string provider_variable = provider_key_variable(provider);
    if (is_provider_host(provider, url)) {
        std::string key = value_of(env, provider_variable);
        if (key.empty()) return make_error(ErrorKind::config, "no API key: set " + provider_variable);
        return KeyChoice{std::move(key), provider_variable};
    }
    const std::string variable = key_variable.empty() ? std::string(kGenericKeyVariable) : std::string(key_variable);
    std::string key = value_of(env, variable);
    if (!key.empty()) return KeyChoice{std::move(key), variable};
    if (endpoint->loopback) return KeyChoice{};
    return make_error(ErrorKind::config, "no API key for " + endpoint->host + ": set " + variable + " (" + provider_variable +
                                             " is only ever sent to https://" + provider_host(provider) +
                                             "; git config oneshot.apiKeyEnv names another variable)");
}

} // namespace oneshot::model
