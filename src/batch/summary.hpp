// The Markdown summary of a batch: one table row per task record, then totals. Pure.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace oneshot::batch {

struct Totals {
    int passed = 0, failed = 0, untested = 0, errors = 0;
    long long input_tokens = 0, output_tokens = 0;
    double cost_usd = 0;
};

Totals totals_of(const std::vector<nlohmann::json>& records);

// `not_started`: tasks of this shard left for a later --resume (limits reached, interrupted).
std::string markdown_summary(const std::vector<nlohmann::json>& records, int not_started);

} // namespace oneshot::batch
