// The request loop: plan and build the request, send it through live, recording or replay
// transport, parse the answer as it streams, retry what is transient, and account for usage.
#include "model/client.hpp"

#include "model/rate_gate.hpp"

#include "model/answer_state.hpp"
#include "model/cancel.hpp"
#include "model/progress.hpp"
#include "model/replay.hpp"
#include "model/request.hpp"
#include "model/retry.hpp"
#include "model/text_answer.hpp"
#include "model/transport.hpp"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <random>
#include <thread>

#include <unistd.h>

namespace oneshot::model {

namespace {

using Clock = std::chrono::steady_clock;

// One attempt's verdict: an answer state that ended, or a failure that may be retried.
struct Attempt {
    AnswerState state;
    std::optional<Failure> failure;
};

std::string ending_context(const AnswerState& state)
{
    return state.reason.empty() ? std::string() : " (" + state.reason + ")";
}

// Sleeps in short slices so that Ctrl-C is honoured during a backoff.
Status wait(double seconds, Clock::time_point deadline)
{
    const auto until = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    while (Clock::now() < until) {
        if (cancel_requested())
            return make_error(ErrorKind::interrupted, "interrupted while waiting to retry");
        if (Clock::now() >= deadline)
            return make_error(ErrorKind::network, "the overall deadline (--timeout) passed");
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return Ok{};
}

double unit_random()
{
    thread_local std::mt19937 engine{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(engine);
}

// A line redrawn in place only on a real terminal that understands it.
bool live_terminal()
{
    const char* term = std::getenv("TERM");
    return isatty(STDERR_FILENO) == 1 && !(term && std::string_view(term) == "dumb");
}

std::size_t approx_tokens(const AnswerState& state)
{
    return (state.text.size() + state.refusal.size() + state.reasoning_chars) / 4;
}

constexpr int kPatientRateLimits = 50;

class Session {
public:
    Session(const ModelConfig& config, RequestPlan plan, Spending& spent)
        : config_(config), plan_(std::move(plan)), spent_(spent),
          progress_(!config.quiet, live_terminal(), stderr, config.model)
    {
        if (!config.replay_dir.empty())
            transport_ = make_replay_transport(config.replay_dir);
        else
            transport_ = make_curl_transport();
        if (!config.record_dir.empty())
            transport_ = make_recording_transport(std::move(transport_), config.record_dir, plan_.provider);
        limits_.connect_timeout_s = config.connect_timeout_s;
        limits_.idle_timeout_s = config.idle_timeout_s;
        if (config.max_response_bytes > 0)
            limits_.max_body_bytes = config.max_response_bytes;
        const double timeout = config.timeout_s > 0 ? config.timeout_s : 1e9;
        limits_.deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(timeout));
    }

    Result<AnswerState> run(const HttpRequest& request)
    {
        const int max_attempts = 1 + std::max(0, config_.max_retries);
        int counted = 0;   // attempts that use up a retry (a patient batch's rate limits do not)
        for (int attempt = 0;; ++attempt) {
            if (cancel_requested())
                return make_error(ErrorKind::interrupted, "interrupted before the request was sent");
            // Another request of this process was rate limited: wait out the shared pause first.
            for (double pause; (pause = rate_gate().remaining_s()) > 0;) {
                if (auto waited = wait(std::min(pause, 0.25), limits_.deadline); !waited.ok())
                    return waited.take_error();
            }
            auto result = config_.background ? background(request) : exchange(request);
            if (!result.ok())
                return result.take_error();
            Attempt outcome = std::move(*result);
            if (!outcome.failure)
                return std::move(outcome.state);
            Failure& failure = *outcome.failure;
            // Patience has a bound too: a provider that says 429 for ever is a failure after all.
            const bool patient = failure.rate_limited && rate_gate().patient() && attempt < kPatientRateLimits;
            if (!patient)
                ++counted;
            if (!failure.retryable || counted >= max_attempts) {
                if (failure.retryable && attempt > 0)
                    failure.error.message += " (after " + std::to_string(attempt + 1) + " attempts)";
                return failure.error;
            }
            const double delay = retry_delay_s(attempt, failure.retry_after_s, unit_random());
            if (failure.rate_limited)
                rate_gate().hold(delay);
            char seconds[32];
            std::snprintf(seconds, sizeof seconds, "%.1f", delay);
            progress_.note("retrying in " + std::string(seconds) + " s: " + failure.error.message);
            if (auto waited = wait(delay, limits_.deadline); !waited.ok())
                return waited.take_error();
        }
    }

    const RequestPlan& plan() const { return plan_; }
    std::string last_request_id;

private:
    // One HTTP exchange and its verdict. Usage is counted even when the attempt fails.
    Result<Attempt> exchange(const HttpRequest& request)
    {
        Attempt attempt;
        SseParser parser;
        std::vector<SseEvent> events;
        const StreamSink sink = [&](std::string_view bytes) {
            parser.feed(bytes, events);
            for (const auto& event : events)
                apply_event(plan_.provider, event, attempt.state);
            events.clear();
            progress_.update(attempt.state.phase, approx_tokens(attempt.state));
        };
        const Tick tick = [&] { progress_.update(attempt.state.phase, approx_tokens(attempt.state)); };
        ++spent_.attempts;
        auto result = transport_->perform(request, limits_, sink, tick);
        if (!result.ok()) {
            spent_.usage += attempt.state.usage;
            if (result.error().kind != ErrorKind::network)
                return result.take_error();
            attempt.failure = Failure{result.take_error(), true, std::nullopt};
            return attempt;
        }
        HttpResponse& response = *result;
        last_request_id = request_id(response.headers);
        const Provider format = response.format.value_or(plan_.provider);
        if (response.status < 200 || response.status >= 300) {
            attempt.failure = classify_http_error(format, response.status, response.headers, response.body);
            return attempt;
        }
        if (!response.is_event_stream()) {
            attempt.state = parse_body(format, response.body);
        } else if (format != plan_.provider) {
            // A replayed stream in another provider's format: parse it again as what it is.
            attempt.state = AnswerState{};
            SseParser again;
            for (const auto& event : again.feed(response.body))
                apply_event(format, event, attempt.state);
            for (const auto& event : again.finish())
                apply_event(format, event, attempt.state);
        } else {
            for (const auto& event : parser.finish())
                apply_event(format, event, attempt.state);
        }
        spent_.usage += attempt.state.usage;
        judge(attempt, response.headers, config_.background && !response.is_event_stream());
        return attempt;
    }

    // Turns an unfinished or failed answer state into a failure; refusals and truncations are
    // final answers of their own (no retry: the same request would end the same way).
    void judge(Attempt& attempt, const Headers& headers, bool background_submit_or_poll)
    {
        const AnswerState& state = attempt.state;
        const std::string id = request_id(headers);
        const std::string id_note = id.empty() ? "" : " [request id " + id + "]";
        const bool background_pending =
            background_submit_or_poll && (state.status == "queued" || state.status == "in_progress");
        if (state.ending == Ending::none && !background_pending)
            attempt.failure = Failure{make_error(ErrorKind::network, "the answer stream ended before its final event (connection cut)" + id_note), true, std::nullopt};
        else if (state.ending == Ending::error)
            attempt.failure = Failure{make_error(ErrorKind::model, "the model failed mid-answer: " + state.reason +
                                                                       (state.error_code.empty() ? "" : " (" + state.error_code + ")") + id_note),
                                      state.error_retryable, std::nullopt};
    }

    // Responses background mode: submit, then poll until the response leaves queued/in_progress.
    Result<Attempt> background(const HttpRequest& request)
    {
        auto submitted = exchange(request);
        if (!submitted.ok() || submitted->failure)
            return submitted;
        AnswerState state = std::move(submitted->state);
        if (state.response_id.empty())
            return Attempt{state, Failure{make_error(ErrorKind::model, "the background response has no id"), false, std::nullopt}};
        const std::string id = state.response_id;
        double interval = 0.25;
        int transient_failures = 0;
        while (state.status == "queued" || state.status == "in_progress") {
            progress_.update(Phase::thinking, 0);
            if (auto waited = wait(interval, limits_.deadline); !waited.ok()) {
                cancel_remote(id);
                return waited.take_error();
            }
            interval = std::min(5.0, interval * 1.5);
            auto polled = exchange(build_poll_request(plan_, config_, id));
            --spent_.attempts;   // polls are not new requests for the model
            if (!polled.ok()) {
                cancel_remote(id);
                return polled;
            }
            if (polled->failure) {
                if (!polled->failure->retryable || ++transient_failures > 5)
                    return polled;
                continue;
            }
            state = std::move(polled->state);
        }
        return Attempt{std::move(state), std::nullopt};
    }

    // Best effort: a cancelled run should not keep a background response (and its cost) going.
    void cancel_remote(const std::string& id)
    {
        HttpRequest cancel = build_poll_request(plan_, config_, id);
        cancel.method = "POST";
        cancel.url += "/cancel";
        TransferLimits limits = limits_;
        limits.deadline = Clock::now() + std::chrono::seconds(5);
        limits.cancellable = false;
        static_cast<void>(transport_->perform(cancel, limits, {}, {}));
    }

    const ModelConfig& config_;
    RequestPlan plan_;
    Spending& spent_;
    Progress progress_;
    std::unique_ptr<Transport> transport_;
    TransferLimits limits_;
};

} // namespace

Result<std::string> answer_format_for(const ModelConfig& config)
{
    auto plan = plan_request(config);
    if (!plan.ok())
        return plan.take_error();
    return std::string(plan->format == AnswerFormat::json ? "json" : "text");
}

Result<Answer> ask(const ModelConfig& config, const Prompt& prompt)
{
    Spending spent;
    return ask(config, prompt, spent);
}

Result<Answer> ask(const ModelConfig& config, const Prompt& prompt, Spending& spent)
{
    auto plan = plan_request(config);
    if (!plan.ok())
        return plan.take_error();
    const HttpRequest request = build_request(*plan, config, prompt);
    Session session(config, *plan, spent);
    const Usage before = spent.usage;
    auto result = session.run(request);
    spent.cost_usd = cost_usd(plan->profile, spent.usage);
    if (!result.ok())
        return result.take_error();
    AnswerState& state = *result;

    const Usage used = [&] { Usage u = spent.usage; u.input_tokens -= before.input_tokens; u.cached_tokens -= before.cached_tokens;
                             u.cache_write_tokens -= before.cache_write_tokens; u.output_tokens -= before.output_tokens;
                             u.reasoning_tokens -= before.reasoning_tokens; return u; }();
    const std::string spent_note = " (" + std::to_string(used.input_tokens) + " input, " + std::to_string(used.output_tokens) + " output tokens spent)";
    if (state.ending == Ending::refusal)
        return make_error(ErrorKind::refusal, "the model refused" + ending_context(state) + ": " +
                                                  (state.refusal.empty() ? std::string("(no reason given)") : state.refusal) + spent_note);
    if (state.ending == Ending::truncated)
        return make_error(ErrorKind::truncated, "the answer was cut at the output limit of " +
                                                    std::to_string(plan->max_output_tokens) + " tokens" + ending_context(state) +
                                                    spent_note + "; raise the limit or lower --effort", state.text);
    if (state.ending != Ending::complete)
        return make_error(ErrorKind::network, "the answer ended without its final event" + spent_note);
    if (state.text.find_first_not_of(" \t\r\n") == std::string::npos)
        return make_error(ErrorKind::model, "the model returned an empty answer" + spent_note);

    Answer answer;
    answer.raw_text = state.text;
    if (plan->format == AnswerFormat::text) {
        auto document = text_answer_to_document(state.text);
        if (!document.ok())
            return document.take_error();
        answer.text = std::move(*document);
    } else {
        answer.text = state.text;
    }
    answer.usage = used;
    answer.cost_usd = cost_usd(plan->profile, used);
    answer.provider = std::string(provider_name(plan->provider));
    answer.model = config.model;
    answer.request_id = session.last_request_id;
    answer.attempts = spent.attempts;
    return answer;
}

} // namespace oneshot::model
