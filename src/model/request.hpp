// Builds the HTTP request for one provider as a value (URL, headers, JSON body): pure, so every
// provider's body is checked by tests against the API references without a network.
#pragma once

#include "core/error.hpp"
#include "model/profiles.hpp"
#include "model/types.hpp"

#include <string>
#include <utility>
#include <vector>

namespace oneshot::model {

struct HttpRequest {
    std::string method = "POST";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;   // secrets included: never log these
    std::string body;                                           // empty for GET
    bool stream = false;
};

// Names of headers that carry credentials; recordings and logs replace their values.
bool is_secret_header(std::string_view name);

enum class AnswerFormat { json, text };

struct RequestPlan {
    Provider provider = Provider::openai_responses;
    ModelProfile profile;
    AnswerFormat format = AnswerFormat::json;
    std::string base_url;           // without a trailing '/'
    std::int64_t max_output_tokens = 0;
};

// The plan for a config: provider (set or inferred), profile, answer format, base URL, token cap.
// Errors (config): unknown provider or answer format, a public endpoint without an API key.
Result<RequestPlan> plan_request(const ModelConfig& config);

HttpRequest build_request(const RequestPlan& plan, const ModelConfig& config, const Prompt& prompt);

// Responses background mode: poll and cancel requests for a submitted response id.
HttpRequest build_poll_request(const RequestPlan& plan, const ModelConfig& config, const std::string& response_id);

} // namespace oneshot::model
