// Which failures are worth another attempt and how long to wait first, as pure functions of the
// HTTP status, headers and error body (the official SDKs' policy; model-apis.md section 7).
#pragma once

#include "core/error.hpp"
#include "model/profiles.hpp"

#include <map>
#include <optional>
#include <string>

namespace oneshot::model {

using Headers = std::map<std::string, std::string>;   // lower-case names

struct Failure {
    Error error;
    bool retryable = false;
    std::optional<double> retry_after_s;   // the server's retry-after(-ms), when it gave one
};

// A non-2xx answer: the provider's error message, request id, and whether to retry. Quota and
// spend-cap 429s are not retried: they last until billing changes.
Failure classify_http_error(Provider provider, long status, const Headers& headers, std::string_view body);

// retry-after-ms, then retry-after as seconds (fractions allowed); HTTP dates are not honoured.
std::optional<double> parse_retry_after(const Headers& headers);

// Delay before retry number `retry` (0-based): the server's hint when it is at most 60 s, else
// 0.5 s * 2^retry capped at 8 s, times a jitter factor in [0.75, 1] (`unit_random` in [0, 1)).
double retry_delay_s(int retry, std::optional<double> retry_after_s, double unit_random);

// The request id header of a response, or "".
std::string request_id(const Headers& headers);

} // namespace oneshot::model
