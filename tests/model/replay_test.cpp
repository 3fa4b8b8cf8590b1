#include "model/client.hpp"
#include "model/replay.hpp"
#include "support/fake_server.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace oneshot;
using namespace oneshot::model;
using oneshot::testing::FakeModelServer;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "oneshot-replay-XXXXXX").string();
        REQUIRE(mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() { fs::remove_all(path); }
};

std::string slurp(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void spit(const fs::path& path, const std::string& text)
{
    std::ofstream(path, std::ios::binary) << text;
}

Prompt prompt()
{
    Prompt p;
    p.instructions = "Return a patch.";
    p.context = "FILE a.c\n";
    p.task = "Do it.";
    p.schema = json{{"type", "object"}};
    return p;
}

ModelConfig base_config(const std::string& provider, const std::string& model)
{
    ModelConfig config;
    config.provider = provider;
    config.model = model;
    config.answer_format = "json";
    config.quiet = true;
    return config;
}

} // namespace

TEST_CASE("--record writes each exchange redacted; --replay answers from it with no network", "[model]")
{
    const std::string provider = GENERATE(std::string("openai"), std::string("openai-chat"), std::string("anthropic"));
    const bool stream = GENERATE(true, false);
    CAPTURE(provider, stream);
    TempDir dir;
    const fs::path record = dir.path / "rec";
    const std::string answer_text = R"({"summary":"s \"q\" )" "\xC3\xA9" R"(","explanation":"","changes":[]})";
    Answer live;
    {
        FakeModelServer server(json::array({{{"status", 429}, {"headers", {{"retry-after-ms", "10"}}}, {"body", "{\"error\":{\"message\":\"slow\"}}"}},
                                            {{"answer", answer_text}, {"chunk", 2}, {"usage", {{"input_tokens", 50}, {"cached_tokens", 10}, {"output_tokens", 9}}}}})
                                   .dump());
        ModelConfig config = base_config(provider, provider == "anthropic" ? "claude-sonnet-4-5" : "o3");
        config.base_url = provider == "anthropic" ? server.root_url() : server.base_url();
        config.api_key = "sk-REC-SECRET";
        config.stream = stream;
        config.record_dir = record.string();
        auto answer = ask(config, prompt());
        REQUIRE(answer.ok());
        live = *answer;
    }
    CHECK(fs::exists(record / "001.meta.json"));
    CHECK(fs::exists(record / "001.response.json"));   // the 429 error body
    CHECK(fs::exists(record / (stream ? "002.response.sse" : "002.response.json")));
    const json meta = json::parse(slurp(record / "002.meta.json"));
    CHECK(meta["status"] == 200);
    CHECK(meta["provider"] == provider);
    const json request = json::parse(slurp(record / "002.request.json"));
    CHECK(request["body"]["model"] == (provider == "anthropic" ? "claude-sonnet-4-5" : "o3"));
    for (const auto& file : fs::directory_iterator(record))
        CHECK(slurp(file.path()).find("SECRET") == std::string::npos);

    // Replay: no server, no key, a different prompt (matching is by order, not content).
    ModelConfig config = base_config(provider, provider == "anthropic" ? "claude-sonnet-4-5" : "o3");
    config.base_url = "http://127.0.0.1:9/v1";
    config.replay_dir = record.string();
    Prompt changed = prompt();
    changed.task = "Something else entirely.";
    auto replayed = ask(config, changed);
    REQUIRE(replayed.ok());
    CHECK(replayed->text == live.text);
    CHECK(replayed->attempts == 2);   // the recorded 429 is replayed and retried too
    CHECK(replayed->usage.input_tokens == live.usage.input_tokens);
    CHECK(replayed->usage.cached_tokens == 10);
    CHECK(replayed->usage.output_tokens == live.usage.output_tokens);

    auto beyond = ask(config, prompt());
    REQUIRE_FALSE(beyond.ok());
    CHECK(beyond.error().kind == ErrorKind::config);
    CHECK_THAT(beyond.error().message, Catch::Contains("003"));
}

TEST_CASE("a hand-written replay directory is parsed in its own provider's format", "[model]")
{
    TempDir dir;
    // Only the response file is required; meta.json names the wire format.
    spit(dir.path / "001.response.sse",
         "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":{\"input_tokens\":7,\"output_tokens\":1}}}\n\n"
         "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
         "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"@@@ summary\\nHand written\\n@@@ delete a.txt\\n@@@ end\\n\"}}\n\n"
         "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":12}}\n\n"
         "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    spit(dir.path / "001.meta.json", R"({"provider": "anthropic"})");
    spit(dir.path / "002.response.json",
         R"({"choices":[{"index":0,"message":{"role":"assistant","content":"{\"summary\":\"two\",\"explanation\":\"\",\"changes\":[]}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":4}})");
    spit(dir.path / "002.meta.json", R"({"status": 200, "provider": "openai-chat"})");

    ModelConfig config = base_config("openai", "o3");   // what the user configured does not matter
    config.replay_dir = dir.path.string();
    config.answer_format = "text";
    auto first = ask(config, prompt());
    REQUIRE(first.ok());
    CHECK(json::parse(first->text)["summary"] == "Hand written");
    CHECK(json::parse(first->text)["changes"][0]["action"] == "delete");
    CHECK(first->usage.input_tokens == 7);
    CHECK(first->usage.output_tokens == 12);

    config.answer_format = "json";
    auto second = ask(config, prompt());
    REQUIRE(second.ok());
    CHECK(json::parse(second->text)["summary"] == "two");
    CHECK(second->usage.output_tokens == 4);
}
