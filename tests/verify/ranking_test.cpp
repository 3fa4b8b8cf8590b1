// Winner choice among candidates: applies > no new failures > tests fixed > passes > smaller diff.
#include "verify/ranking.hpp"

#include <catch2/catch.hpp>

using namespace oneshot::verify;

namespace {

CandidateScore applied(bool no_new_failures, std::size_t fixed, bool passed, std::size_t diff)
{
    return CandidateScore{true, true, no_new_failures, fixed, passed, diff};
}

} // namespace

TEST_CASE("ranking: each criterion outranks the ones after it", "[verify]")
{
    const CandidateScore broken{};   // does not apply
    CHECK(better(applied(false, 0, false, 900), broken));
    CHECK(better(applied(true, 0, false, 900), applied(false, 5, false, 1)));
    CHECK(better(applied(true, 2, false, 900), applied(true, 1, true, 1)));
    CHECK(better(applied(true, 1, true, 900), applied(true, 1, false, 1)));
    CHECK(better(applied(true, 1, true, 10), applied(true, 1, true, 11)));
    CHECK_FALSE(better(applied(true, 1, true, 10), applied(true, 1, true, 10)));
    // Among candidates that do not apply, size means nothing.
    CHECK_FALSE(better(CandidateScore{false, false, false, 0, false, 1}, CandidateScore{false, false, false, 0, false, 9}));
}

TEST_CASE("ranking: the best index, earliest among equals", "[verify]")
{
    CHECK_FALSE(choose_best({}));
    CHECK(choose_best({CandidateScore{}, applied(false, 0, false, 3), applied(true, 0, true, 50), applied(true, 0, true, 40)}) == 3u);
    CHECK(choose_best({applied(true, 0, true, 5), applied(true, 0, true, 5)}) == 0u);
    // Untested candidates (no tests in the project) are compared by size.
    CHECK(choose_best({CandidateScore{true, false, false, 0, false, 9}, CandidateScore{true, false, false, 0, false, 2}}) == 1u);
}

TEST_CASE("ranking: when to stop repairing", "[verify]")
{
    CHECK_FALSE(acceptable(CandidateScore{}));
    CHECK(acceptable(CandidateScore{true, false, false, 0, false, 1}));
    CHECK(acceptable(applied(true, 0, false, 1)));    // fails only where the base failed
    CHECK_FALSE(acceptable(applied(false, 0, false, 1)));
}
