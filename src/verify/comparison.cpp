#include "verify/comparison.hpp"

#include <algorithm>
#include <iterator>

namespace oneshot::verify {

const char* to_string(Outcome outcome)
{
    switch (outcome) {
    case Outcome::passed: return "passed";
    case Outcome::unchanged: return "unchanged";
    case Outcome::fixed: return "fixed";
    case Outcome::broke: return "broke";
    case Outcome::still_failing: return "still_failing";
    }
    return "passed";
}

namespace {

std::vector<std::string> minus(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
    std::vector<std::string> out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

std::vector<std::string> both(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
    std::vector<std::string> out;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

} // namespace

Comparison compare_runs(const std::optional<RunFacts>& base, const RunFacts& change)
{
    Comparison result;
    if (change.passed) {
        if (!base) {
            result.outcome = Outcome::passed;
        } else if (base->passed) {
            result.outcome = Outcome::unchanged;
        } else {
            result.outcome = Outcome::fixed;
            result.fixed = base->failing;
        }
        return result;
    }
    if (!base || base->passed) {
        result.outcome = Outcome::broke;
        result.broke = change.failing;
        return result;
    }
    // Both fail. With names on both sides the sets decide; without them, only a run that now
    // times out where the base finished counts as new breakage.
    if (change.names_known && base->names_known) {
        result.broke = minus(change.failing, base->failing);
        result.fixed = minus(base->failing, change.failing);
        result.still_failing = both(change.failing, base->failing);
        result.outcome = result.broke.empty() ? Outcome::still_failing : Outcome::broke;
        return result;
    }
    if (change.timed_out && !base->timed_out) {
        result.outcome = Outcome::broke;
        result.broke = change.failing;
    } else {
        result.outcome = Outcome::still_failing;
        result.still_failing = change.failing;
    }
    return result;
}

} // namespace oneshot::verify
