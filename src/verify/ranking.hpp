// Choosing among candidate answers and deciding whether another repair round is needed: pure, so
// the order (applies > no new failures > tests fixed > passes > smaller diff) is tested directly.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace oneshot::verify {

struct CandidateScore {
    bool applies = false;            // parsed, inside the edit scope, resolved, committed
    bool tested = false;             // tests ran (false: --no-test, or none detected)
    bool no_new_failures = false;    // meaningful when tested
    std::size_t tests_fixed = 0;     // names failing on the base that pass now (1 when only the run's verdict is known)
    bool passed = false;
    std::size_t diff_lines = 0;      // lines added plus lines removed
};

// True when `a` should be preferred over `b`.
bool better(const CandidateScore& a, const CandidateScore& b);

// Index of the best score (the earliest among equals); nullopt for an empty list.
std::optional<std::size_t> choose_best(const std::vector<CandidateScore>& scores);

// Good enough to stop asking: it applies and, when tested, adds no failure.
bool acceptable(const CandidateScore& score);

} // namespace oneshot::verify
