// Which API key may go to which URL. A provider's key (OPENAI_API_KEY, ANTHROPIC_API_KEY) is sent
// only to that provider's own host, over https; any other server gets a key only from a variable
// meant for it (ONESHOT_API_KEY, or the one oneshot.apiKeyEnv names); plain http only to this
// machine. The URL is parsed by libcurl's URL parser — the same one that will connect — so no
// look-alike (`api.openai.com.evil.example`, `user@host`, odd IP spellings) can pass a text match.
#pragma once

#include "core/error.hpp"
#include "model/profiles.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace oneshot::model {

struct Endpoint {
    std::string scheme;   // lower case: "https" or "http"
    std::string host;     // lower case, IPv6 in brackets as libcurl gives it ("[::1]")
    std::string port;     // as written; empty when none was given
    bool loopback = false;   // localhost, 127.0.0.0/8 or [::1]: the request never leaves this machine
};

// Errors: config (not a URL libcurl accepts, no host, a scheme other than http or https).
Result<Endpoint> parse_endpoint(std::string_view url);

// True when `url` is `provider`'s own public host over https on the default port.
bool is_provider_host(Provider provider, std::string_view url);

// The variable other servers' keys come from when oneshot.apiKeyEnv names none.
inline constexpr const char* kGenericKeyVariable = "ONESHOT_API_KEY";

struct KeyChoice {
    std::string key;        // empty: send none (a loopback server without a key, like Ollama)
    std::string variable;   // where it came from (for messages), empty when none
};

using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

// The key for requests to `base_url` (empty: the provider's default), from `env`. `key_variable`
// is oneshot.apiKeyEnv (empty: ONESHOT_API_KEY). Errors: config, each naming the variable to set
// or the rule that was broken (plain http to another machine; no key for a remote server).
Result<KeyChoice> choose_api_key(Provider provider, std::string_view base_url, const EnvLookup& env, std::string_view key_variable);

} // namespace oneshot::model
