// The judge's prompt and the checks on its verdict (untrusted model output).
#include "verify/judge.hpp"

#include <catch2/catch.hpp>

using namespace oneshot;
using namespace oneshot::verify;

namespace {

std::vector<JudgeEntry> two()
{
    return {JudgeEntry{1, "Add cube", "+int cube(int x) { return x*x*x; }\n", "passed"},
            JudgeEntry{3, "Add cube with pow", std::string(100, 'd'), "passed"}};
}

} // namespace

TEST_CASE("judge: the prompt shows the task and every candidate's diff, bounded", "[verify]")
{
    const auto prompt = judge_prompt("Add cube()", two(), 50);
    CHECK(prompt.schema == judge_schema());
    CHECK(prompt.task.find("# Task\n\nAdd cube()") == 0);
    CHECK(prompt.task.find("## Candidate 1: Add cube\nTests: passed") != std::string::npos);
    CHECK(prompt.task.find("+int cube(int x)") != std::string::npos);
    CHECK(prompt.task.find("## Candidate 3: Add cube with pow") != std::string::npos);
    CHECK(prompt.task.find("50 more bytes of diff omitted") != std::string::npos);
    CHECK(prompt.task.find(std::string(51, 'd')) == std::string::npos);
}

TEST_CASE("judge: a verdict must name a candidate it was shown", "[verify]")
{
    auto verdict = parse_verdict(R"({"winner": 3, "reasons": "smaller"})", two());
    REQUIRE(verdict);
    CHECK(verdict->winner == 3);
    CHECK(verdict->reasons == "smaller");
    for (const char* bad : {"", "[]", R"({"winner": 2, "reasons": ""})", R"({"winner": "1"})", R"({"reasons": "x"})", "{nope"}) {
        auto rejected = parse_verdict(bad, two());
        REQUIRE_FALSE(rejected);
        CHECK(rejected.error().kind == ErrorKind::model);
    }
}
