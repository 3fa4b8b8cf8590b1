// What a change did to the tests: the verdicts the report and the candidate ranking rely on.
#include "verify/comparison.hpp"

#include <catch2/catch.hpp>

using namespace oneshot::verify;
using Names = std::vector<std::string>;

namespace {

RunFacts passing() { return RunFacts{true, false, 0, true, {}}; }
RunFacts failing(Names names) { return RunFacts{false, false, 1, true, std::move(names)}; }
RunFacts failing_unnamed() { return RunFacts{false, false, 2, false, {}}; }

} // namespace

TEST_CASE("comparison: passing changes", "[verify]")
{
    CHECK(compare_runs(std::nullopt, passing()).outcome == Outcome::passed);
    CHECK(compare_runs(passing(), passing()).outcome == Outcome::unchanged);
    const auto fixed = compare_runs(failing({"a", "b"}), passing());
    CHECK(fixed.outcome == Outcome::fixed);
    CHECK(fixed.fixed == Names{"a", "b"});
    CHECK(fixed.no_new_failures());
}

TEST_CASE("comparison: a failure on a passing base is breakage", "[verify]")
{
    const auto broke = compare_runs(passing(), failing({"x"}));
    CHECK(broke.outcome == Outcome::broke);
    CHECK(broke.broke == Names{"x"});
    CHECK_FALSE(broke.no_new_failures());
    CHECK(compare_runs(std::nullopt, failing_unnamed()).outcome == Outcome::broke);
}

TEST_CASE("comparison: on a failing base, only new names count as breakage", "[verify]")
{
    const auto same = compare_runs(failing({"a", "b"}), failing({"a"}));
    CHECK(same.outcome == Outcome::still_failing);
    CHECK(same.still_failing == Names{"a"});
    CHECK(same.fixed == Names{"b"});
    CHECK(same.no_new_failures());

    const auto more = compare_runs(failing({"a"}), failing({"a", "c"}));
    CHECK(more.outcome == Outcome::broke);
    CHECK(more.broke == Names{"c"});
    CHECK(more.still_failing == Names{"a"});
}

TEST_CASE("comparison: without names, a new timeout is breakage, the same failure is not", "[verify]")
{
    CHECK(compare_runs(failing_unnamed(), failing_unnamed()).outcome == Outcome::still_failing);
    RunFacts hang{false, true, std::nullopt, false, {}};
    CHECK(compare_runs(failing_unnamed(), hang).outcome == Outcome::broke);
    CHECK(compare_runs(hang, hang).outcome == Outcome::still_failing);
}
