// Which key goes to which URL: the provider's key only to its own host over https, other servers a
// key only from ONESHOT_API_KEY (or oneshot.apiKeyEnv's variable), plain http only to loopback.
#include "model/key_routing.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace oneshot;
using namespace oneshot::model;

namespace {

EnvLookup env_of(std::map<std::string, std::string> values)
{
    return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
        auto it = values.find(name);
        if (it == values.end()) return std::nullopt;
        return it->second;
    };
}

const std::map<std::string, std::string> all_keys = {
    {"OPENAI_API_KEY", "sk-openai"}, {"ANTHROPIC_API_KEY", "sk-ant"}, {"ONESHOT_API_KEY", "sk-generic"}, {"MY_KEY", "sk-mine"}};

std::string key_for(Provider provider, const std::string& url, const std::string& key_variable = "")
{
    auto chosen = choose_api_key(provider, url, env_of(all_keys), key_variable);
    REQUIRE(chosen.ok());
    return chosen->key;
}

} // namespace

TEST_CASE("the provider's key goes only to the provider's exact host over https", "[model]")
{
    CHECK(key_for(Provider::openai_responses, "") == "sk-openai");   // the default base URL
    CHECK(key_for(Provider::openai_responses, "https://api.openai.com/v1") == "sk-openai");
    CHECK(key_for(Provider::openai_chat, "https://API.OpenAI.com:443/v1") == "sk-openai");
    CHECK(key_for(Provider::anthropic, "") == "sk-ant");
    CHECK(key_for(Provider::anthropic, "https://api.anthropic.com") == "sk-ant");
    // Look-alikes get the generic key, never the provider's.
    for (const std::string url : {"https://api.openai.com.evil.example/v1", "https://evil.example/api.openai.com/v1",
                                  "https://api.openai.com@evil.example/v1", "https://evil.example/?h=api.openai.com",
                                  "https://api.openai.com:8443/v1", "https://xapi.openai.com/v1", "https://api.openai.com./v1"}) {
        CAPTURE(url);
        CHECK(key_for(Provider::openai_responses, url) == "sk-generic");
    }
    // Anthropic's key is not OpenAI's host's, and the other way round.
    CHECK(key_for(Provider::anthropic, "https://api.openai.com/v1") == "sk-generic");
    CHECK(key_for(Provider::openai_chat, "https://api.anthropic.com") == "sk-generic");
}

TEST_CASE("other servers get ONESHOT_API_KEY or the variable oneshot.apiKeyEnv names", "[model]")
{
    CHECK(key_for(Provider::openai_chat, "https://proxy.example/v1", "MY_KEY") == "sk-mine");
    auto chosen = choose_api_key(Provider::openai_chat, "https://proxy.example/v1", env_of({{"OPENAI_API_KEY", "sk-openai"}}), "");
    REQUIRE_FALSE(chosen.ok());
    CHECK(chosen.error().kind == ErrorKind::config);
    CHECK_THAT(chosen.error().message, Catch::Contains("ONESHOT_API_KEY") && Catch::Contains("only ever sent to https://api.openai.com"));
}

TEST_CASE("loopback servers need no key and may use plain http, other http hosts are refused", "[model]")
{
    const auto provider_key_only = env_of({{"OPENAI_API_KEY", "sk-openai"}});
    for (const std::string url : {"http://localhost:11434/v1", "http://127.0.0.1:8080/v1", "http://[::1]:8080/v1", "http://127.1.2.3/v1"}) {
        CAPTURE(url);
        auto chosen = choose_api_key(Provider::openai_chat, url, provider_key_only, "");
        REQUIRE(chosen.ok());
        CHECK(chosen->key.empty());   // the README's Ollama example: no key, and the OpenAI one stays home
        CHECK(key_for(Provider::openai_chat, url) == "sk-generic");
    }
    for (const std::string url : {"http://api.openai.com/v1", "http://192.168.1.5:11434/v1", "http://localhost.evil.example/v1",
                                  "http://127.0.0.1.evil.example/v1"}) {
        CAPTURE(url);
        auto chosen = choose_api_key(Provider::openai_chat, url, env_of(all_keys), "");
        REQUIRE_FALSE(chosen.ok());
        CHECK(chosen.error().kind == ErrorKind::config);
        CHECK_THAT(chosen.error().message, Catch::Contains("plain http"));
    }
    auto ftp = choose_api_key(Provider::openai_chat, "ftp://api.openai.com/v1", env_of(all_keys), "");
    REQUIRE_FALSE(ftp.ok());
    auto garbage = choose_api_key(Provider::openai_chat, "not a url at all", env_of(all_keys), "");
    REQUIRE_FALSE(garbage.ok());
}

TEST_CASE("the endpoint parser reports scheme, host, port and loopback as libcurl sees them", "[model]")
{
    auto endpoint = parse_endpoint("HTTPS://User:pw@API.Example.COM:8443/v1?q=1");
    REQUIRE(endpoint.ok());
    CHECK(endpoint->scheme == "https");
    CHECK(endpoint->host == "api.example.com");
    CHECK(endpoint->port == "8443");
    CHECK_FALSE(endpoint->loopback);
    CHECK(is_provider_host(Provider::openai_responses, "https://api.openai.com/v1"));
    CHECK_FALSE(is_provider_host(Provider::openai_responses, "http://api.openai.com/v1"));
}
