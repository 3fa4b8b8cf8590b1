// Wire-format details that the fake server does not produce on its own: shapes seen from
// compatible servers and the SDKs' recorded streams (model-apis.md), checked on the pure parser.
#include "model/answer_state.hpp"

#include <catch2/catch.hpp>

using namespace oneshot::model;

namespace {

AnswerState run(Provider provider, const std::string& stream)
{
    AnswerState state;
    SseParser parser;
    for (const auto& event : parser.feed(stream))
        apply_event(provider, event, state);
    for (const auto& event : parser.finish())
        apply_event(provider, event, state);
    return state;
}

} // namespace

TEST_CASE("Chat: empty choices, null content, reasoning fields and usage on any chunk", "[model]")
{
    const auto state = run(Provider::openai_chat,
                           "data: {\"choices\":[],\"prompt_filter_results\":[]}\n\n"
                           "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}]}\n\n"
                           "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"{hm\"}}]}\n\n"
                           "data: {\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"\\\"x\"}}]}\n\n"
                           "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"{\\\"a\\\"\"}}]}\n\n"
                           "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\":1}\"},\"finish_reason\":\"stop\"}],"
                           "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3}}\n\n"
                           "data: [DONE]\n\n");
    CHECK(state.text == "{\"a\":1}");
    CHECK(state.ending == Ending::complete);
    CHECK(state.usage.input_tokens == 5);
    CHECK(state.usage.output_tokens == 3);
    CHECK(state.reasoning_chars == 5);
}

TEST_CASE("Chat: vLLM and OpenAI mid-stream error shapes end the answer with an error", "[model]")
{
    const std::string prefix = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"{\"}}]}\n\n";
    const auto vllm = run(Provider::openai_chat, prefix + "data: {\"object\":\"error\",\"message\":\"engine died\",\"code\":500}\n\n");
    CHECK(vllm.ending == Ending::error);
    CHECK(vllm.reason == "engine died");
    const auto openai = run(Provider::openai_chat, prefix + "data: {\"error\":{\"message\":\"oops\",\"type\":\"server_error\",\"code\":null}}\n\n");
    CHECK(openai.ending == Ending::error);
    CHECK(openai.error_retryable);
    const auto no_finish = run(Provider::openai_chat, prefix + "data: [DONE]\n\n");
    CHECK(no_finish.ending == Ending::error);
    const auto garbage = run(Provider::openai_chat, prefix + "data: {not json\n\n");
    CHECK(garbage.ending == Ending::error);
}

TEST_CASE("Chat: finish reasons map to endings", "[model]")
{
    const auto chunk = [](const std::string& finish) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":\"" + finish + "\"}]}\n\n";
    };
    CHECK(run(Provider::openai_chat, chunk("length")).ending == Ending::truncated);
    CHECK(run(Provider::openai_chat, chunk("content_filter")).ending == Ending::refusal);
    CHECK(run(Provider::openai_chat, chunk("tool")).ending == Ending::complete);   // a server's own reason
}

TEST_CASE("Responses: the answer comes from message items, refusal parts and failures are told apart", "[model]")
{
    const auto state = run(Provider::openai_responses,
                           "event: response.reasoning_summary_text.delta\ndata: {\"type\":\"response.reasoning_summary_text.delta\",\"delta\":\"{not}\"}\n\n"
                           "event: response.output_text.delta\ndata: {\"type\":\"response.output_text.delta\",\"delta\":\"{}\"}\n\n"
                           "event: response.some_future_event\ndata: {\"type\":\"response.some_future_event\",\"x\":1}\n\n"
                           "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"id\":\"r\",\"status\":\"completed\","
                           "\"output\":[{\"type\":\"reasoning\",\"summary\":[]},{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"{}\"}]}],"
                           "\"usage\":{\"input_tokens\":10,\"input_tokens_details\":{\"cached_tokens\":4},\"output_tokens\":6,\"output_tokens_details\":{\"reasoning_tokens\":2}}}}\n\n");
    CHECK(state.text == "{}");
    CHECK(state.ending == Ending::complete);
    CHECK(state.usage.cached_tokens == 4);
    CHECK(state.usage.reasoning_tokens == 2);

    const auto failed = run(Provider::openai_responses,
                            "data: {\"type\":\"response.failed\",\"response\":{\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"bad\"}}}\n\n");
    CHECK(failed.ending == Ending::error);
    CHECK(failed.error_retryable);
    const auto filtered = parse_body(Provider::openai_responses,
                                     R"({"status":"incomplete","incomplete_details":{"reason":"content_filter"},"output":[]})");
    CHECK(filtered.ending == Ending::refusal);
    const auto invalid = run(Provider::openai_responses, "event: error\ndata: {\"code\":\"invalid_prompt\",\"message\":\"no\"}\n\n");
    CHECK(invalid.ending == Ending::error);   // the event name stands in for a missing type
    CHECK_FALSE(invalid.error_retryable);
}

TEST_CASE("Anthropic: usage is cumulative (replaced, not summed) and thinking stays out", "[model]")
{
    const auto state = run(Provider::anthropic,
                           "data: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":100,\"cache_read_input_tokens\":50,\"cache_creation_input_tokens\":25,\"output_tokens\":1}}}\n\n"
                           "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\"}}\n\n"
                           "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"{x\"}}\n\n"
                           "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"s\"}}\n\n"
                           "data: {\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\"}}\n\n"
                           "data: {\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"ok\"}}\n\n"
                           "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":40}}\n\n"
                           "data: {\"type\":\"message_delta\",\"delta\":{},\"usage\":{\"output_tokens\":70}}\n\n"
                           "data: {\"type\":\"message_stop\"}\n\n");
    CHECK(state.text == "ok");
    CHECK(state.ending == Ending::complete);
    CHECK(state.usage.input_tokens == 175);
    CHECK(state.usage.cached_tokens == 50);
    CHECK(state.usage.cache_write_tokens == 25);
    CHECK(state.usage.output_tokens == 70);

    const auto refusal = run(Provider::anthropic,
                             "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"refusal\",\"stop_details\":{\"type\":\"refusal\",\"category\":\"cyber\",\"explanation\":null}}}\n\n"
                             "data: {\"type\":\"message_stop\"}\n\n");
    CHECK(refusal.ending == Ending::refusal);
    CHECK(refusal.refusal == "category cyber");
    const auto window = parse_body(Provider::anthropic, R"({"content":[],"stop_reason":"model_context_window_exceeded","usage":{}})");
    CHECK(window.ending == Ending::truncated);
}
