// The fake model server is what every model-layer and end-to-end test talks to, so its own
// behaviour (start, wire format per endpoint, request log with redaction) is checked here with a
// bare libcurl request, independent of the client under test.
#include "support/fake_server.hpp"

#include <catch2/catch.hpp>
#include <curl/curl.h>

#include <memory>
#include <string>

using oneshot::testing::FakeModelServer;

namespace {

struct Reply {
    long status = 0;
    std::string body;
};

size_t collect(char* data, size_t size, size_t count, void* out)
{
    static_cast<std::string*>(out)->append(data, size * count);
    return size * count;
}

Reply post(const std::string& url, const std::string& body, const std::string& auth_header)
{
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    curl_slist* raw_headers = curl_slist_append(nullptr, auth_header.c_str());
    raw_headers = curl_slist_append(raw_headers, "Content-Type: application/json");
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(raw_headers, curl_slist_free_all);
    Reply reply;
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &reply.body);
    REQUIRE(curl_easy_perform(curl.get()) == CURLE_OK);
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &reply.status);
    return reply;
}

} // namespace

TEST_CASE("fake model server answers each endpoint in its format and logs requests redacted", "[model]")
{
    FakeModelServer server(R"([
        {"answer": "{\"k\": 1}"},
        {"answer": "two", "usage": {"input_tokens": 100, "cached_tokens": 60, "output_tokens": 7}},
        {"status": 429, "headers": {"retry-after": "1"}, "body": {"error": {"message": "slow"}}}
    ])");
    REQUIRE(server.port() > 0);

    auto chat = post(server.base_url() + "/chat/completions", R"({"model":"m"})", "Authorization: Bearer sk-SECRET");
    CHECK(chat.status == 200);
    auto chat_json = nlohmann::json::parse(chat.body);
    CHECK(chat_json["choices"][0]["message"]["content"] == "{\"k\": 1}");

    auto messages = post(server.root_url() + "/v1/messages", R"({"model":"claude"})", "x-api-key: SECRET2");
    auto msg_json = nlohmann::json::parse(messages.body);
    CHECK(msg_json["content"][0]["text"] == "two");
    // Anthropic's input_tokens excludes cache reads: 100 total - 60 cached.
    CHECK(msg_json["usage"]["input_tokens"] == 40);
    CHECK(msg_json["usage"]["cache_read_input_tokens"] == 60);

    auto limited = post(server.base_url() + "/responses", R"({"model":"o3"})", "Authorization: Bearer x");
    CHECK(limited.status == 429);

    auto exhausted = post(server.base_url() + "/responses", R"({"model":"o3"})", "Authorization: Bearer x");
    CHECK(exhausted.status == 500);

    auto log = server.requests();
    REQUIRE(log.size() == 4);
    CHECK(log[0]["path"] == "/v1/chat/completions");
    CHECK(log[0]["headers"]["authorization"] == "<redacted>");
    CHECK(log[0]["body"]["model"] == "m");
    CHECK(log[1]["headers"]["x-api-key"] == "<redacted>");
    CHECK(log[3]["step"].is_null());
    CHECK(log[0].dump().find("SECRET") == std::string::npos);
    CHECK(log[1].dump().find("SECRET2") == std::string::npos);
}
