// Repair rounds' follow-up prompt: what the model is told about its previous answer.
#include "verify/repair_prompt.hpp"

#include <catch2/catch.hpp>

using namespace oneshot;
using namespace oneshot::verify;

TEST_CASE("repair prompt: the original parts stay byte-identical, the task gains the answer and diagnostics", "[verify]")
{
    model::Prompt original;
    original.instructions = "INSTRUCTIONS";
    original.context = "CONTEXT";
    original.task = "Rename load to read";
    original.schema = {{"type", "object"}};
    const auto prompt = follow_up_prompt(original, 2, "{\"summary\": \"old\"}", "The patch could not be applied: nope");
    CHECK(prompt.instructions == original.instructions);
    CHECK(prompt.context == original.context);
    CHECK(prompt.schema == original.schema);
    CHECK(prompt.task.rfind("Rename load to read\n", 0) == 0);
    CHECK(prompt.task.find("Attempt 1 did not succeed") != std::string::npos);
    CHECK(prompt.task.find("<previous_answer>\n{\"summary\": \"old\"}\n</previous_answer>") != std::string::npos);
    CHECK(prompt.task.find("<diagnostics>\nThe patch could not be applied: nope\n</diagnostics>") != std::string::npos);
    CHECK(prompt.task.find("complete patch against the original files") != std::string::npos);
}

TEST_CASE("repair prompt: error diagnostics carry the detail, bounded", "[verify]")
{
    const auto text = diagnose_error(make_error(ErrorKind::patch, "changes[0].edits[0]: search not found in a.py", "closest region:\n-x\n+y\n"));
    CHECK(text == "The patch could not be applied: changes[0].edits[0]: search not found in a.py\nclosest region:\n-x\n+y\n");
    const auto long_text = diagnose_error(make_error(ErrorKind::patch, "m", std::string(20000, 'x') + "\n"), 1000);
    CHECK(long_text.size() < 1100);
    CHECK(long_text.find("more bytes omitted") != std::string::npos);
}

TEST_CASE("repair prompt: test diagnostics name the breakage and keep the output's tail", "[verify]")
{
    Verification v;
    v.tests.command = "make test";
    v.tests.process.exit_code = 2;
    v.tests.process.output = std::string(50000, '.') + "\nFAIL: test_total (tests.T)\nAssertionError: 3 != 4\n";
    v.baseline_passed = true;
    v.comparison.outcome = Outcome::broke;
    v.comparison.broke = {"test_total (tests.T)"};
    const auto text = diagnose_tests(v, 2000);
    CHECK(text.size() <= 2100);
    CHECK(text.find("`make test`) failed with exit code 2") != std::string::npos);
    CHECK(text.find("pass on the base revision") != std::string::npos);
    CHECK(text.find("- test_total (tests.T)") != std::string::npos);
    CHECK(text.find("AssertionError: 3 != 4") != std::string::npos);   // the tail is kept

    v.tests.process.exit_code.reset();
    v.tests.process.timed_out = true;
    CHECK(diagnose_tests(v).find("did not finish within the time limit") != std::string::npos);
}

TEST_CASE("repair prompt: tail_lines cuts at a line start", "[verify]")
{
    CHECK(tail_lines("short", 100) == "short");
    const auto tail = tail_lines("aaaa\nbbbb\ncccc\n", 8);
    CHECK(tail == "[... 10 earlier bytes omitted]\ncccc\n");
}

TEST_CASE("repair prompt: a flaky test is named as flaky, never blamed on the patch", "[verify]")
{
    Verification v;
    v.tests.command = "make test";
    v.tests.process.exit_code = 1;
    v.tests.process.output = "FAIL: test_mul (tests.T)\nFAIL: test_flaky (tests.T)\n";
    v.baseline_passed = true;
    v.comparison.outcome = Outcome::broke;
    v.comparison.broke = {"test_mul (tests.T)"};
    v.comparison.flaky = {"test_flaky (tests.T)"};
    const auto text = diagnose_tests(v);
    CHECK(text.find("Failing now but not before the patch:\n- test_mul (tests.T)\n") != std::string::npos);
    CHECK(text.find("Flaky (they pass and fail on the same revision; not caused by the patch") != std::string::npos);
    CHECK(text.find("- test_flaky (tests.T)") != std::string::npos);

    // Nothing broke consistently: the base's pass is no longer blamed on the patch.
    v.comparison.outcome = Outcome::unchanged;
    v.comparison.broke.clear();
    CHECK(diagnose_tests(v).find("so the patch broke them") == std::string::npos);
}
