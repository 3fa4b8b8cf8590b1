// The client against the fake model server, for every provider: answers (streamed, plain, tiny
// deltas, split bytes), usage, refusal, truncation, errors, retries, timeouts and cancellation.
#include "model/cancel.hpp"
#include "model/client.hpp"
#include "model/progress.hpp"
#include "model/text_answer.hpp"
#include "support/fake_server.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using namespace oneshot;
using namespace oneshot::model;
using oneshot::testing::FakeModelServer;
using nlohmann::json;

namespace {

// A JSON answer whose escapes and multi-byte characters get split by one-character deltas.
const std::string patch_answer =
    R"({"summary":"Fix caf)" "\xC3\xA9" R"( \"quotes\"","explanation":"line\nnext \\ back \u00e9 )" "\xF0\x9F\x98\x80" R"(","changes":[]})";

json patch_schema()
{
    return json::parse(R"({"type":"object","properties":{"summary":{"type":"string"},"explanation":{"type":"string"},
        "changes":{"type":"array","items":{"type":"string"}}},"required":["summary","explanation","changes"],
        "additionalProperties":false})");
}

Prompt sample_prompt()
{
    Prompt prompt;
    prompt.instructions = "Return a patch.";
    prompt.context = "FILE src/a.c\nint main(void) { return 0; }\n";
    prompt.task = "Make main return 1.";
    prompt.schema = patch_schema();
    return prompt;
}

struct ProviderCase {
    std::string provider;
    std::string model;
};

ModelConfig config_for(const ProviderCase& c, const FakeModelServer& server)
{
    ModelConfig config;
    config.provider = c.provider;
    config.model = c.model;
    config.base_url = c.provider == "anthropic" ? server.root_url() : server.base_url();
    config.api_key = "sk-test-SECRET";
    config.effort = "high";
    config.max_output_tokens = 20000;
    config.answer_format = "json";
    config.quiet = true;
    config.idle_timeout_s = 10;
    config.timeout_s = 30;
    return config;
}

std::string script(const json& steps)
{
    return steps.dump();
}

const json full_usage = {{"input_tokens", 1000}, {"cached_tokens", 600}, {"cache_write_tokens", 100},
                         {"output_tokens", 300}, {"reasoning_tokens", 120}};

} // namespace

TEST_CASE("every provider returns the answer channel only, streamed or not, with its usage", "[model]")
{
    const auto c = GENERATE(ProviderCase{"openai", "o3"}, ProviderCase{"openai-chat", "o3"},
                            ProviderCase{"anthropic", "claude-sonnet-4-5"});
    const bool stream = GENERATE(true, false);
    CAPTURE(c.provider, stream);
    FakeModelServer server(script(json::array({{{"answer", patch_answer}, {"reasoning", "think {\"not\": answer}"},
                                                {"chunk", 1}, {"split_bytes", 3}, {"usage", full_usage}}})));
    ModelConfig config = config_for(c, server);
    config.stream = stream;
    Spending spent;
    auto answer = ask(config, sample_prompt(), spent);
    REQUIRE(answer.ok());
    CHECK(answer->text == patch_answer);
    CHECK(json::parse(answer->text)["summary"] == "Fix caf\xC3\xA9 \"quotes\"");
    CHECK(answer->provider == c.provider);
    CHECK(answer->attempts == 1);
    CHECK(answer->usage.input_tokens == 1000);
    CHECK(answer->usage.cached_tokens == 600);
    // Chat Completions has no cache-write count on the wire.
    CHECK(answer->usage.cache_write_tokens == (c.provider == "openai-chat" ? 0 : 100));
    CHECK(answer->usage.output_tokens == 300);
    CHECK(answer->usage.reasoning_tokens == 120);
    CHECK(answer->cost_usd > 0);
    CHECK(spent.cost_usd == Approx(answer->cost_usd));
    CHECK_FALSE(answer->request_id.empty());
    const auto log = server.requests();
    REQUIRE(log.size() == 1);
    CHECK(log[0]["body"]["stream"] == stream);
    CHECK(log[0].dump().find("SECRET") == std::string::npos);
}

TEST_CASE("OpenAI Responses request body follows the API reference", "[model]")
{
    FakeModelServer server(script(json::array({{{"answer", "{}"}}})));
    auto answer = ask(config_for({"openai", "o3"}, server), sample_prompt());
    REQUIRE(answer.ok());
    const json request = server.requests().at(0);
    const json& body = request["body"];
    CHECK(request["path"] == "/v1/responses");
    CHECK(request["headers"]["authorization"] == "<redacted>");
    CHECK(body["model"] == "o3");
    CHECK(body["instructions"] == "Return a patch.");
    CHECK(body["reasoning"] == json{{"effort", "high"}});
    CHECK(body["max_output_tokens"] == 20000);
    // text.format is flat: name, schema and strict beside type.
    CHECK(body["text"]["format"] == json{{"type", "json_schema"}, {"name", "code_patch"}, {"schema", patch_schema()}, {"strict", true}});
    CHECK(body["input"][0]["role"] == "user");
    CHECK(body["input"][0]["content"][0]["text"] == sample_prompt().context);   // stable prefix first
    CHECK(body["input"][0]["content"][1]["text"] == sample_prompt().task);
    CHECK(body["stream"] == true);
    CHECK(body["stream_options"]["include_obfuscation"] == false);
    CHECK_FALSE(body.contains("temperature"));
    CHECK_FALSE(body.contains("response_format"));
}

TEST_CASE("Chat Completions request body: roles, effort and token field follow the model", "[model]")
{
    SECTION("an OpenAI reasoning model: developer role, reasoning_effort, max_completion_tokens")
    {
        FakeModelServer server(script(json::array({{{"answer", "{}"}}})));
        REQUIRE(ask(config_for({"openai-chat", "o3"}, server), sample_prompt()).ok());
        const json request = server.requests().at(0);
        const json& body = request["body"];
        CHECK(request["path"] == "/v1/chat/completions");
        CHECK(body["messages"][0] == json{{"role", "developer"}, {"content", "Return a patch."}});
        CHECK(body["messages"][1]["role"] == "user");
        CHECK(body["messages"][1]["content"] == sample_prompt().context + "\n\n" + sample_prompt().task);
        CHECK(body["reasoning_effort"] == "high");
        CHECK(body["max_completion_tokens"] == 20000);
        CHECK_FALSE(body.contains("max_tokens"));
        // response_format nests name/schema/strict under json_schema.
        CHECK(body["response_format"] == json{{"type", "json_schema"},
                                              {"json_schema", {{"name", "code_patch"}, {"schema", patch_schema()}, {"strict", true}}}});
        CHECK(body["stream_options"]["include_usage"] == true);
        CHECK_FALSE(body.contains("temperature"));
    }
    SECTION("a compatible server's model: system role, max_tokens, no effort field")
    {
        FakeModelServer server(script(json::array({{{"answer", "{}"}}})));
        REQUIRE(ask(config_for({"openai-chat", "qwen3-coder:30b"}, server), sample_prompt()).ok());
        const json body = server.requests().at(0)["body"];
        CHECK(body["messages"][0]["role"] == "system");
        CHECK(body["max_tokens"] == 20000);
        CHECK_FALSE(body.contains("max_completion_tokens"));
        CHECK_FALSE(body.contains("reasoning_effort"));
        CHECK(body["response_format"]["type"] == "json_schema");
    }
    SECTION("DeepSeek: JSON mode only")
    {
        FakeModelServer server(script(json::array({{{"answer", "{}"}}})));
        REQUIRE(ask(config_for({"openai-chat", "deepseek-reasoner"}, server), sample_prompt()).ok());
        CHECK(server.requests().at(0)["body"]["response_format"] == json{{"type", "json_object"}});
    }
    SECTION("o1-mini takes no system or developer message: instructions lead the user message")
    {
        FakeModelServer server(script(json::array({{{"answer", "{}"}}})));
        ModelConfig config = config_for({"openai-chat", "o1-mini"}, server);
        REQUIRE(ask(config, sample_prompt()).ok());
        const json messages = server.requests().at(0)["body"]["messages"];
        REQUIRE(messages.size() == 1);
        CHECK(messages[0]["role"] == "user");
        CHECK(messages[0]["content"].get<std::string>().starts_with("Return a patch.\n\nFILE src/a.c"));
    }
}

TEST_CASE("Anthropic request body: version header, thinking, schema and cache breakpoints", "[model]")
{
    SECTION("a 4.5 model: manual thinking budget below max_tokens, output_config.format")
    {
        FakeModelServer server(script(json::array({{{"answer", "{}"}}})));
        REQUIRE(ask(config_for({"anthropic", "claude-sonnet-4-5"}, server), sample_prompt()).ok());
        const json request = server.requests().at(0);
        const json& body = request["body"];
        CHECK(request["path"] == "/v1/messages");
        CHECK(request["headers"]["anthropic-version"] == "2023-06-01");
        CHECK(request["headers"]["x-api-key"] == "<redacted>");
        CHECK_FALSE(request["headers"].contains("authorization"));
        CHECK(body["max_tokens"] == 20000);
        CHECK(body["thinking"]["type"] == "enabled");
        const auto budget = body["thinking"]["budget_tokens"].get<std::int64_t>();
        CHECK(budget >= 1024);
        CHECK(budget < 20000);
        CHECK(body["output_config"]["format"] == json{{"type", "json_schema"}, {"schema", patch_schema()}});
        CHECK(body["system"][0]["text"] == "Return a patch.");
        CHECK(body["system"][0]["cache_control"] == json{{"type", "ephemeral"}});
        CHECK(body["messages"][0]["role"] == "user");
        CHECK(body["messages"][0]["content"][0]["text"] == sample_prompt().context);
        CHECK(body["messages"][0]["content"][0]["cache_control"] == json{{"type", "ephemeral"}});
        CHECK(body["messages"][0]["content"][1] == json{{"type", "text"}, {"text", sample_prompt().task}});
        CHECK_FALSE(body.contains("tool_choice"));
        CHECK_FALSE(body.contains("temperature"));
    }
    SECTION("a newer model: adaptive thinking steered by output_config.effort")
    {
        FakeModelServer server(script(json::array({{{"answer", "{}"}}})));
        REQUIRE(ask(config_for({"anthropic", "claude-opus-4-7"}, server), sample_prompt()).ok());
        const json body = server.requests().at(0)["body"];
        CHECK(body["thinking"] == json{{"type", "adaptive"}});
        CHECK(body["output_config"]["effort"] == "high");
        CHECK(body["output_config"]["format"]["type"] == "json_schema");
    }
}

TEST_CASE("refusals are reported with their text and the usage spent, and not retried", "[model]")
{
    const auto c = GENERATE(ProviderCase{"openai", "o3"}, ProviderCase{"openai-chat", "gpt-5"},
                            ProviderCase{"anthropic", "claude-sonnet-4-5"});
    const bool stream = GENERATE(true, false);
    CAPTURE(c.provider, stream);
    FakeModelServer server(script(json::array({{{"refusal", "I can't help with that."}, {"usage", full_usage}}})));
    ModelConfig config = config_for(c, server);
    config.stream = stream;
    Spending spent;
    auto answer = ask(config, sample_prompt(), spent);
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::refusal);
    CHECK_THAT(answer.error().message, Catch::Contains("I can't help with that."));
    CHECK(spent.usage.output_tokens == 300);
    CHECK(spent.cost_usd > 0);
    CHECK(server.requests().size() == 1);
}

TEST_CASE("a truncated answer is reported as truncated, not parsed", "[model]")
{
    const auto c = GENERATE(ProviderCase{"openai", "o3"}, ProviderCase{"openai-chat", "o3"},
                            ProviderCase{"anthropic", "claude-sonnet-4-5"});
    const bool stream = GENERATE(true, false);
    CAPTURE(c.provider, stream);
    FakeModelServer server(script(json::array({{{"answer", R"({"summary": "half)"}, {"truncated", true}, {"usage", full_usage}}})));
    ModelConfig config = config_for(c, server);
    config.stream = stream;
    Spending spent;
    auto answer = ask(config, sample_prompt(), spent);
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::truncated);
    CHECK_THAT(answer.error().message, Catch::Contains("20000"));
    CHECK(spent.usage.output_tokens == 300);
    CHECK(server.requests().size() == 1);
}

TEST_CASE("an error event mid-stream fails the attempt, a transient one is retried", "[model]")
{
    const auto c = GENERATE(ProviderCase{"openai", "o3"}, ProviderCase{"openai-chat", "o3"},
                            ProviderCase{"anthropic", "claude-sonnet-4-5"});
    CAPTURE(c.provider);
    const json transient = c.provider == "anthropic" ? json{{"type", "overloaded_error"}, {"message", "Overloaded"}}
                                                     : json{{"code", "server_error"}, {"type", "server_error"}, {"message", "boom"}};
    SECTION("transient, then success")
    {
        FakeModelServer server(script(json::array({{{"answer", patch_answer}, {"error_mid_stream", transient}},
                                                   {{"answer", patch_answer}}})));
        ModelConfig config = config_for(c, server);
        auto answer = ask(config, sample_prompt());
        REQUIRE(answer.ok());
        CHECK(answer->text == patch_answer);   // nothing of the failed attempt leaks in
        CHECK(answer->attempts == 2);
    }
    SECTION("no retries left: a model error naming the provider's message")
    {
        FakeModelServer server(script(json::array({{{"answer", patch_answer}, {"error_mid_stream", transient}}})));
        ModelConfig config = config_for(c, server);
        config.max_retries = 0;
        auto answer = ask(config, sample_prompt());
        REQUIRE_FALSE(answer.ok());
        CHECK(answer.error().kind == ErrorKind::model);
        CHECK_THAT(answer.error().message, Catch::Contains(transient["message"].get<std::string>()));
    }
}

TEST_CASE("429 with retry-after-ms, 529 and 503 are retried, 401 and quota errors are not", "[model]")
{
    const auto c = GENERATE(ProviderCase{"openai", "o3"}, ProviderCase{"openai-chat", "o3"},
                            ProviderCase{"anthropic", "claude-sonnet-4-5"});
    CAPTURE(c.provider);
    SECTION("429 then success, waiting as told")
    {
        FakeModelServer server(script(json::array({{{"status", 429}, {"headers", {{"retry-after-ms", "150"}}},
                                                    {"body", {{"error", {{"message", "Rate limit"}, {"code", "rate_limit_exceeded"}}}}}},
                                                   {{"answer", patch_answer}}})));
        const auto start = std::chrono::steady_clock::now();
        auto answer = ask(config_for(c, server), sample_prompt());
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        REQUIRE(answer.ok());
        CHECK(answer->attempts == 2);
        CHECK(elapsed >= 0.15);
        CHECK(server.requests().size() == 2);
    }
    SECTION("529 then 503 then success")
    {
        FakeModelServer server(script(json::array({
            {{"status", 529}, {"headers", {{"retry-after", "0.05"}}}, {"body", {{"type", "error"}, {"error", {{"type", "overloaded_error"}, {"message", "Overloaded"}}}}}},
            {{"status", 503}, {"headers", {{"retry-after-ms", "20"}}}, {"body", "Service Unavailable"}},
            {{"answer", patch_answer}}})));
        auto answer = ask(config_for(c, server), sample_prompt());
        REQUIRE(answer.ok());
        CHECK(answer->attempts == 3);
    }
    SECTION("503 until the retries run out")
    {
        const json unavailable = {{"status", 503}, {"headers", {{"retry-after-ms", "10"}}}, {"body", "busy"}};
        FakeModelServer server(script(json::array({unavailable, unavailable, unavailable, {{"answer", "{}"}}})));
        auto answer = ask(config_for(c, server), sample_prompt());
        REQUIRE_FALSE(answer.ok());
        CHECK(answer.error().kind == ErrorKind::model);
        CHECK_THAT(answer.error().message, Catch::Contains("503") && Catch::Contains("3 attempts"));
        CHECK(server.requests().size() == 3);
    }
    SECTION("401: one request, a model error that says to check the key")
    {
        FakeModelServer server(script(json::array({{{"status", 401}, {"headers", {{"x-request-id", "req_401"}}},
                                                    {"body", {{"error", {{"message", "Incorrect API key provided"}, {"type", "invalid_request_error"}, {"code", "invalid_api_key"}}}}}},
                                                   {{"answer", "{}"}}})));
        auto answer = ask(config_for(c, server), sample_prompt());
        REQUIRE_FALSE(answer.ok());
        CHECK(answer.error().kind == ErrorKind::model);
        CHECK_THAT(answer.error().message, Catch::Contains("401") && Catch::Contains("Incorrect API key") &&
                                               Catch::Contains("req_401"));
        CHECK(answer.error().message.find("SECRET") == std::string::npos);
        CHECK(server.requests().size() == 1);
    }
    SECTION("429 insufficient_quota is permanent")
    {
        FakeModelServer server(script(json::array({{{"status", 429},
                                                    {"body", {{"error", {{"message", "You exceeded your current quota"}, {"type", "insufficient_quota"}, {"code", "insufficient_quota"}}}}}},
                                                   {{"answer", "{}"}}})));
        auto answer = ask(config_for(c, server), sample_prompt());
        REQUIRE_FALSE(answer.ok());
        CHECK_THAT(answer.error().message, Catch::Contains("quota"));
        CHECK(server.requests().size() == 1);
    }
}

TEST_CASE("a stalled stream fails after the idle timeout, not the overall one", "[model]")
{
    const auto c = GENERATE(ProviderCase{"openai", "o3"}, ProviderCase{"openai-chat", "o3"},
                            ProviderCase{"anthropic", "claude-sonnet-4-5"});
    CAPTURE(c.provider);
    FakeModelServer server(script(json::array({{{"answer", patch_answer}, {"stall_after", 2}, {"stall_s", 5}}})));
    ModelConfig config = config_for(c, server);
    config.idle_timeout_s = 0.3;
    config.max_retries = 0;
    const auto start = std::chrono::steady_clock::now();
    auto answer = ask(config, sample_prompt());
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::network);
    CHECK_THAT(answer.error().message, Catch::Contains("idle-timeout"));
    CHECK(elapsed < 2.0);
}

TEST_CASE("a connection closed mid-stream is a cut, retried, never a success", "[model]")
{
    const auto c = GENERATE(ProviderCase{"openai", "o3"}, ProviderCase{"openai-chat", "o3"},
                            ProviderCase{"anthropic", "claude-sonnet-4-5"});
    const std::string framing = GENERATE(std::string("chunked"), std::string("close"));
    CAPTURE(c.provider, framing);
    SECTION("no retries: a network error")
    {
        FakeModelServer server(script(json::array({{{"answer", patch_answer}, {"cut_after", 5}, {"framing", framing}}})));
        ModelConfig config = config_for(c, server);
        config.max_retries = 0;
        auto answer = ask(config, sample_prompt());
        REQUIRE_FALSE(answer.ok());
        CHECK(answer.error().kind == ErrorKind::network);
    }
    SECTION("retried: the second, whole answer wins")
    {
        FakeModelServer server(script(json::array({{{"answer", patch_answer}, {"cut_after", 5}, {"framing", framing}},
                                                   {{"answer", patch_answer}, {"framing", framing}}})));
        auto answer = ask(config_for(c, server), sample_prompt());
        REQUIRE(answer.ok());
        CHECK(answer->text == patch_answer);
    }
}

TEST_CASE("keep-alive comments and CRLF line ends do not disturb the answer", "[model]")
{
    const auto c = GENERATE(ProviderCase{"openai", "o3"}, ProviderCase{"openai-chat", "o3"},
                            ProviderCase{"anthropic", "claude-sonnet-4-5"});
    CAPTURE(c.provider);
    FakeModelServer server(script(json::array({{{"answer", patch_answer}, {"keepalive", true}, {"crlf", true}, {"split_bytes", 7}}})));
    auto answer = ask(config_for(c, server), sample_prompt());
    REQUIRE(answer.ok());
    CHECK(answer->text == patch_answer);
}

TEST_CASE("Anthropic without output_config support: the answer comes through a tool", "[model]")
{
    // claude-3-7-sonnet: no JSON outputs; no thinking with effort "none" -> a forced tool is allowed.
    FakeModelServer server(script(json::array({{{"answer", patch_answer}, {"chunk", 3}}, {{"answer", patch_answer}}})));
    ModelConfig config = config_for({"anthropic", "claude-3-7-sonnet-latest"}, server);
    config.effort = "none";
    auto answer = ask(config, sample_prompt());
    REQUIRE(answer.ok());
    CHECK(json::parse(answer->text) == json::parse(patch_answer));
    const json body = server.requests().at(0)["body"];
    CHECK(body["tools"][0]["name"] == "code_patch");
    CHECK(body["tools"][0]["input_schema"] == patch_schema());
    CHECK(body["tool_choice"] == json{{"type", "tool"}, {"name", "code_patch"}});
    CHECK_FALSE(body.contains("thinking"));

    // With thinking on, the tool may not be forced.
    config.effort = "high";
    REQUIRE(ask(config, sample_prompt()).ok());
    const json thinking_body = server.requests().at(1)["body"];
    CHECK(thinking_body["tool_choice"] == json{{"type", "auto"}});
    CHECK(thinking_body["thinking"]["type"] == "enabled");
}

TEST_CASE("Ctrl-C cancels a waiting request promptly", "[model]")
{
    FakeModelServer server(script(json::array({{{"answer", patch_answer}, {"stall_s", 20}}})));
    ModelConfig config = config_for({"openai", "o3"}, server);
    reset_cancel();
    std::thread interrupter([] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        request_cancel();
    });
    const auto start = std::chrono::steady_clock::now();
    auto answer = ask(config, sample_prompt());
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    interrupter.join();
    reset_cancel();
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::interrupted);
    CHECK(elapsed < 1.0);
}

TEST_CASE("connection refused is a network error after the retries", "[model]")
{
    std::string base;
    {
        FakeModelServer server("[]");
        base = server.base_url();
    }   // stopped: nothing listens on that port now
    ModelConfig config;
    config.provider = "openai-chat";
    config.model = "o3";
    config.base_url = base;
    config.quiet = true;
    config.max_retries = 0;
    auto answer = ask(config, sample_prompt());
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::network);
}

TEST_CASE("configuration errors are found before any request", "[model]")
{
    ModelConfig config;
    config.model = "o3";
    config.quiet = true;
    auto missing_key = ask(config, sample_prompt());
    REQUIRE_FALSE(missing_key.ok());
    CHECK(missing_key.error().kind == ErrorKind::config);
    CHECK_THAT(missing_key.error().message, Catch::Contains("OPENAI_API_KEY"));

    config.provider = "gemini";
    auto bad_provider = ask(config, sample_prompt());
    REQUIRE_FALSE(bad_provider.ok());
    CHECK(bad_provider.error().kind == ErrorKind::config);

    config.provider = "anthropic";
    config.api_key = "k";
    config.background = true;
    auto bad_background = ask(config, sample_prompt());
    REQUIRE_FALSE(bad_background.ok());
    CHECK(bad_background.error().kind == ErrorKind::config);
}

TEST_CASE("the text answer format: no schema sent, blocks converted to the patch document", "[model]")
{
    const auto c = GENERATE(ProviderCase{"openai", "o3"}, ProviderCase{"openai-chat", "llama3.1"},
                            ProviderCase{"anthropic", "claude-sonnet-4-5"});
    CAPTURE(c.provider);
    const std::string text = "@@@ summary\nAdd a file\n@@@ create src/q.c\nchar *s = \"\\\"quoted\\\"\";\n@@@ end\n";
    FakeModelServer server(script(json::array({{{"answer", text}, {"chunk", 1}}})));
    ModelConfig config = config_for(c, server);
    config.answer_format = "";   // the profile's default: text for Claude and unknown models
    if (c.provider == "openai")
        config.answer_format = "text";
    auto answer = ask(config, sample_prompt());
    REQUIRE(answer.ok());
    CHECK(answer->raw_text == text);
    const json doc = json::parse(answer->text);
    CHECK(doc["summary"] == "Add a file");
    CHECK(doc["changes"][0]["content"] == "char *s = \"\\\"quoted\\\"\";\n");
    const json body = server.requests().at(0)["body"];
    CHECK_FALSE(body.contains("response_format"));
    CHECK_FALSE(body.contains("text"));
    CHECK_FALSE(body.value("output_config", json::object()).contains("format"));   // const json: no operator[] on a missing key
    CHECK_FALSE(body.contains("tools"));
}

TEST_CASE("a malformed text answer is a patch error listing the problems, with usage spent", "[model]")
{
    FakeModelServer server(script(json::array({{{"answer", "@@@ summary\nx\n@@@ modify a.c\n"}}})));
    ModelConfig config = config_for({"anthropic", "claude-sonnet-4-5"}, server);
    config.answer_format = "text";
    Spending spent;
    auto answer = ask(config, sample_prompt(), spent);
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::patch);
    CHECK_THAT(answer.error().detail, Catch::Contains("no '@@@ end' line"));
    CHECK(spent.usage.output_tokens > 0);
}

TEST_CASE("progress goes to stderr as plain lines off a terminal, and nowhere with quiet", "[model]")
{
    std::FILE* out = std::tmpfile();
    REQUIRE(out != nullptr);
    {
        Progress progress(true, false, out, "o3");
        progress.update(Phase::thinking, 0);
        progress.update(Phase::thinking, 10);   // same phase, too soon: no new line
        progress.update(Phase::writing, 200);
        progress.note("retrying in 0.5 s: HTTP 503");
    }
    {
        Progress silent(false, false, out, "o3");
        silent.update(Phase::writing, 5);
        silent.note("not shown");
    }
    std::rewind(out);
    std::string written;
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, out))
        written += buffer;
    std::fclose(out);
    CHECK(written == "o3: thinking, 0 s\no3: writing, 0 s, ~200 tokens\nretrying in 0.5 s: HTTP 503\n");
}

TEST_CASE("a follow-up round sends the prior answer and the errors as new turns", "[model]")
{
    const auto c = GENERATE(ProviderCase{"openai", "o3"}, ProviderCase{"openai-chat", "o3"},
                            ProviderCase{"anthropic", "claude-sonnet-4-5"});
    CAPTURE(c.provider);
    FakeModelServer server(script(json::array({{{"answer", "{}"}}})));
    Prompt prompt = sample_prompt();
    prompt.prior_answer = "{\"summary\": broken";
    prompt.follow_up = "Your answer is not valid JSON: line 1. Send the whole corrected answer.";
    REQUIRE(ask(config_for(c, server), prompt).ok());
    const json body = server.requests().at(0)["body"];
    const json turns = c.provider == "openai" ? body["input"] : body["messages"];
    REQUIRE(turns.size() >= 3);
    const json& assistant = turns[turns.size() - 2];
    const json& user = turns[turns.size() - 1];
    CHECK(assistant == json{{"role", "assistant"}, {"content", prompt.prior_answer}});
    CHECK(user == json{{"role", "user"}, {"content", prompt.follow_up}});
}

TEST_CASE("the text format's instructions are appended to the prompt's", "[model]")
{
    const auto c = GENERATE(ProviderCase{"openai", "o3"}, ProviderCase{"openai-chat", "o3"},
                            ProviderCase{"anthropic", "claude-sonnet-4-5"});
    CAPTURE(c.provider);
    FakeModelServer server(script(json::array({{{"answer", "@@@ summary\ns\n@@@ delete a\n@@@ end\n"}}})));
    ModelConfig config = config_for(c, server);
    config.answer_format = "text";
    REQUIRE(answer_format_for(config).ok());
    CHECK(*answer_format_for(config) == "text");
    REQUIRE(ask(config, sample_prompt()).ok());
    const json body = server.requests().at(0)["body"];
    const std::string instructions = c.provider == "openai" ? body["instructions"].get<std::string>()
                                     : c.provider == "openai-chat" ? body["messages"][0]["content"].get<std::string>()
                                                                   : body["system"][0]["text"].get<std::string>();
    CHECK(instructions.starts_with("Return a patch.\n\n"));
    CHECK_THAT(instructions, Catch::Contains("@@@ end"));
}

TEST_CASE("git-config overrides change the default output cap and the prices", "[model]")
{
    FakeModelServer server(script(json::array({{{"answer", "{}"}, {"usage", {{"input_tokens", 1000000}, {"output_tokens", 0}}}}})));
    ModelConfig config = config_for({"openai", "o3"}, server);
    config.max_output_tokens = 0;
    config.overrides.max_output_tokens = 1000;
    config.overrides.price_input = 7.0;
    auto answer = ask(config, sample_prompt());
    REQUIRE(answer.ok());
    CHECK(server.requests().at(0)["body"]["max_output_tokens"] == 1000);
    CHECK(answer->cost_usd == Approx(7.0));
}

TEST_CASE("a plain (non-streamed) answer may stay silent longer than the idle timeout", "[model]")
{
    FakeModelServer server(script(json::array({{{"answer", patch_answer}, {"delay_s", 0.8}}})));
    ModelConfig config = config_for({"openai-chat", "o3"}, server);
    config.stream = false;
    config.idle_timeout_s = 0.2;
    config.max_retries = 0;
    auto answer = ask(config, sample_prompt());
    REQUIRE(answer.ok());
    CHECK(answer->text == patch_answer);
}

TEST_CASE("the overall deadline ends a request that keeps the connection busy", "[model]")
{
    // Keep-alive comments every 0.1 s satisfy the idle guard; only --timeout stops this one.
    FakeModelServer server(script(json::array({{{"answer", patch_answer}, {"chunk", 1}, {"keepalive", true}, {"event_delay_s", 0.1}}})));
    ModelConfig config = config_for({"anthropic", "claude-sonnet-4-5"}, server);
    config.idle_timeout_s = 0.5;
    config.timeout_s = 0.8;
    const auto start = std::chrono::steady_clock::now();
    auto answer = ask(config, sample_prompt());
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::network);
    CHECK_THAT(answer.error().message, Catch::Contains("deadline"));
    CHECK(elapsed < 2.0);
}

TEST_CASE("text-format instructions already in the prompt are not sent twice", "[model]")
{
    FakeModelServer server(script(json::array({{{"answer", "@@@ summary\ns\n@@@ delete a\n@@@ end\n"}}})));
    ModelConfig config = config_for({"openai", "o3"}, server);
    config.answer_format = "text";
    Prompt prompt = sample_prompt();
    prompt.instructions = "Goal.\n\n" + std::string(text_answer_instructions()) + "\n\nWarnings.";
    REQUIRE(ask(config, prompt).ok());
    CHECK(server.requests().at(0)["body"]["instructions"] == prompt.instructions);
}

TEST_CASE("a response body over the size cap is refused with a clear error, not kept in memory", "[model]")
{
    const bool stream = GENERATE(true, false);
    CAPTURE(stream);
    FakeModelServer server(script(json::array({{{"answer", std::string(4000, 'x')}}, {{"answer", "second"}}})));
    ModelConfig config = config_for(ProviderCase{"openai-chat", "o3"}, server);
    config.stream = stream;
    config.max_response_bytes = 1000;
    auto answer = ask(config, sample_prompt());
    REQUIRE_FALSE(answer.ok());
    CHECK(answer.error().kind == ErrorKind::model);
    CHECK_THAT(answer.error().message, Catch::Contains("passed the limit of 1000 bytes"));
    CHECK(server.requests().size() == 1);   // not retried: the same request would bring the same body
}
