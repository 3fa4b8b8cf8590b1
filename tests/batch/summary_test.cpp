#include "batch/summary.hpp"

#include <catch2/catch.hpp>

using namespace oneshot::batch;
using nlohmann::json;

TEST_CASE("summary: one Markdown row per record, cells kept on one line, totals", "[batch]")
{
    const std::vector<json> records = {
        {{"id", "a"}, {"status", "passed"}, {"branch", "oneshot/a"}, {"tests", {{"exit_code", 0}}},
         {"model", {{"usage", {{"input_tokens", 100}, {"output_tokens", 10}}}, {"cost_usd", 0.5}}}, {"error", nullptr}, {"duration_s", 2.0}},
        {{"id", "b"}, {"status", "error"}, {"branch", nullptr}, {"tests", nullptr}, {"model", nullptr},
         {"error", {{"kind", "patch"}, {"message", "line one\nline | two"}}}, {"duration_s", 0.25}},
    };
    const std::string table = markdown_summary(records, 3);
    CHECK(table.find("| a | passed | oneshot/a | exit 0 | 100/10 | $0.5000 | 2.0 s |  |\n") != std::string::npos);
    CHECK(table.find("| b | error |  | - | 0/0 | $0.0000 | 0.2 s | patch: line one line \\| two |\n") != std::string::npos);
    CHECK(table.find("**2 tasks:** 1 passed, 0 failed, 0 untested, 1 errors, 3 not started") != std::string::npos);
    const Totals totals = totals_of(records);
    CHECK(totals.cost_usd == Approx(0.5));
    CHECK(totals.input_tokens == 100);
}
