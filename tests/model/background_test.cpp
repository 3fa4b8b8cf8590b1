#include "core/interrupt.hpp"
#include "model/cancel.hpp"
#include "model/client.hpp"
#include "support/fake_server.hpp"

#include <catch2/catch.hpp>

#include <thread>

using namespace oneshot;
using namespace oneshot::model;
using oneshot::testing::FakeModelServer;
using nlohmann::json;

namespace {

ModelConfig background_config(const FakeModelServer& server)
{
    ModelConfig config;
    config.provider = "openai";
    config.model = "o3";
    config.base_url = server.base_url();
    config.api_key = "sk-bg";
    config.background = true;
    config.answer_format = "json";
    config.quiet = true;
    return config;
}

Prompt prompt()
{
    Prompt p;
    p.instructions = "i";
    p.task = "t";
    p.schema = json{{"type", "object"}};
    return p;
}

} // namespace

TEST_CASE("Responses background mode submits, then polls until the response is done", "[model]")
{
    FakeModelServer server(json::array({{{"answer", R"({"summary":"bg"})"}, {"poll_pending", 2},
                                         {"usage", {{"input_tokens", 40}, {"output_tokens", 8}, {"reasoning_tokens", 5}}}}}).dump());
    auto answer = ask(background_config(server), prompt());
    REQUIRE(answer.ok());
    CHECK(answer->text == R"({"summary":"bg"})");
    CHECK(answer->usage.input_tokens == 40);
    CHECK(answer->usage.reasoning_tokens == 5);
    CHECK(answer->attempts == 1);
    const auto log = server.requests();
    REQUIRE(log.size() == 4);   // submit + 2 pending polls + the final poll
    CHECK(log[0]["method"] == "POST");
    CHECK(log[0]["body"]["background"] == true);
    CHECK(log[0]["body"]["store"] == true);
    CHECK(log[0]["body"]["stream"] == false);
    for (std::size_t i = 1; i < log.size(); ++i) {
        CHECK(log[i]["method"] == "GET");
        CHECK(log[i]["path"] == "/v1/responses/resp_fake_0");
        CHECK(log[i]["headers"]["authorization"] == "<redacted>");
    }
}

TEST_CASE("Ctrl-C during background polling cancels the remote response", "[model]")
{
    FakeModelServer server(json::array({{{"answer", "{}"}, {"poll_pending", 1000}}}).dump());
    reset_cancel();
    std::thread interrupter([] {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        request_cancel();
    });
    auto answer = ask(background_config(server), prompt());
    interrupter.join();
    reset_cancel();
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::interrupted);
    const auto log = server.requests();
    REQUIRE_FALSE(log.empty());
    CHECK(log.back()["method"] == "POST");
    CHECK(log.back()["path"] == "/v1/responses/resp_fake_0/cancel");
}

// A real Ctrl-C sets the process-wide interrupt flag, which (unlike request_cancel) cannot be reset
// for the cancel request: the transfer that sends it must not be aborted by it.
TEST_CASE("A real Ctrl-C during background polling still cancels the remote response", "[model]")
{
    FakeModelServer server(json::array({{{"answer", "{}"}, {"poll_pending", 1000}}}).dump());
    clear_interrupt();
    std::thread interrupter([] {
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        request_interrupt();
    });
    auto answer = ask(background_config(server), prompt());
    interrupter.join();
    const bool still_interrupted = interrupt_requested();
    clear_interrupt();
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::interrupted);
    CHECK(still_interrupted);   // the user's Ctrl-C is not lost by sending the cancel
    const auto log = server.requests();
    REQUIRE_FALSE(log.empty());
    CHECK(log.back()["method"] == "POST");
    CHECK(log.back()["path"] == "/v1/responses/resp_fake_0/cancel");
}
