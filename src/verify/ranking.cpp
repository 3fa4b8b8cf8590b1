#include "verify/ranking.hpp"

#include <tuple>

namespace oneshot::verify {

namespace {

// Untested candidates rank as having no new failures: without tests nothing separates them but
// their size.
auto key(const CandidateScore& s)
{
    const bool clean = s.applies && (!s.tested || s.no_new_failures);
    return std::make_tuple(s.applies, clean, s.applies ? s.tests_fixed : 0, s.applies && s.passed);
}

} // namespace

bool better(const CandidateScore& a, const CandidateScore& b)
{
    const auto ka = key(a);
    const auto kb = key(b);
    if (ka != kb) return ka > kb;
    return a.applies && a.diff_lines < b.diff_lines;
}

std::optional<std::size_t> choose_best(const std::vector<CandidateScore>& scores)
{
    if (scores.empty()) return std::nullopt;
    std::size_t best = 0;
    for (std::size_t i = 1; i < scores.size(); ++i) {
        if (better(scores[i], scores[best])) best = i;
    }
    return best;
}

bool acceptable(const CandidateScore& score)
{
    return score.applies && (!score.tested || score.no_new_failures);
}

} // namespace oneshot::verify
