// Flaky tests told apart from broken ones: which tests are re-run, when re-running can stop, and
// the verdict decided by the tests that fail every time.
#include "verify/flakiness.hpp"

#include <catch2/catch.hpp>

using namespace oneshot::verify;
using Names = std::vector<std::string>;

namespace {

RunFacts pass() { return RunFacts{true, false, 0, true, {}}; }
RunFacts fail(Names names) { return RunFacts{false, false, 1, true, std::move(names)}; }
RunFacts fail_unnamed() { return RunFacts{false, false, 1, false, {}}; }

} // namespace

TEST_CASE("flakiness: only failures new on the change are suspects", "[verify]")
{
    CHECK(retry_suspects(std::nullopt, fail({"a"})).empty());                // the base was not run
    CHECK(retry_suspects(pass(), pass()).empty());
    CHECK(retry_suspects(pass(), fail({"a", "b"})) == Names{"a", "b"});
    CHECK(retry_suspects(fail({"a"}), fail({"a", "b"})) == Names{"b"});      // a was failing already
    CHECK(retry_suspects(fail({"a"}), fail({"a"})).empty());
    CHECK(retry_suspects(pass(), fail_unnamed()) == Names{kWholeRun});
}

TEST_CASE("flakiness: a test that passes and fails on one revision is flaky", "[verify]")
{
    CHECK(flaky_among({"a", "b"}, {fail({"a", "b"}), fail({"b"})}) == Names{"a"});
    CHECK(flaky_among({"a"}, {fail({"a"}), pass()}) == Names{"a"});
    // A failure without names says nothing about one test, only about the whole run.
    CHECK(flaky_among({"a"}, {fail({"a"}), fail_unnamed()}).empty());
    CHECK(flaky_among({kWholeRun}, {fail_unnamed(), pass()}) == Names{kWholeRun});
    CHECK(flaky_among({kWholeRun}, {fail_unnamed(), fail({"x"})}).empty());
}

TEST_CASE("flakiness: re-running stops once every suspect is shown flaky on either side", "[verify]")
{
    CHECK_FALSE(all_flaky({"a"}, {fail({"a"})}, {pass()}));
    CHECK(all_flaky({"a"}, {fail({"a"}), pass()}, {pass()}));              // passes on the change
    CHECK(all_flaky({"a"}, {fail({"a"}), fail({"a"})}, {pass(), fail({"a"})}));   // fails on the base too
    CHECK_FALSE(all_flaky({"a", "b"}, {fail({"a", "b"}), fail({"b"})}, {pass()}));
}

TEST_CASE("flakiness: the verdict is decided by consistent failures", "[verify]")
{
    SECTION("only a flaky test failed: the change passes, the flaky test is listed")
    {
        const auto comparison = compare_with_flaky(pass(), fail({"flaky"}), {"flaky"});
        CHECK(comparison.outcome == Outcome::unchanged);
        CHECK(comparison.broke.empty());
        CHECK(comparison.flaky == Names{"flaky"});
    }
    SECTION("a real break beside a flaky test: broke, naming only the real one")
    {
        const auto comparison = compare_with_flaky(pass(), fail({"flaky", "real"}), {"flaky"});
        CHECK(comparison.outcome == Outcome::broke);
        CHECK(comparison.broke == Names{"real"});
        CHECK(comparison.flaky == Names{"flaky"});
    }
    SECTION("no flaky test: the plain comparison")
    {
        const auto comparison = compare_with_flaky(pass(), fail({"real"}), {});
        CHECK(comparison.outcome == Outcome::broke);
        CHECK(comparison.broke == Names{"real"});
    }
    SECTION("an unnamed failure that passed on a re-run")
    {
        const auto comparison = compare_with_flaky(pass(), fail_unnamed(), {kWholeRun});
        CHECK(comparison.outcome == Outcome::unchanged);
        CHECK(comparison.flaky == Names{kWholeRun});
    }
    SECTION("a timed-out run is not made a pass by discounting flaky names")
    {
        RunFacts timed_out = fail({"flaky"});
        timed_out.timed_out = true;
        CHECK_FALSE(without_flaky(timed_out, {"flaky"}).passed);
    }
}
