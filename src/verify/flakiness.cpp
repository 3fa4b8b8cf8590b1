#include "verify/flakiness.hpp"

#include <algorithm>

namespace oneshot::verify {

namespace {

enum class Seen { passed, failed, unknown };

Seen seen_in(const RunFacts& run, const std::string& name)
{
    if (run.passed) return Seen::passed;
    if (name == kWholeRun) return Seen::failed;
    if (!run.names_known) return Seen::unknown;
    return std::binary_search(run.failing.begin(), run.failing.end(), name) ? Seen::failed : Seen::passed;
}

bool flaky_in(const std::string& name, const std::vector<RunFacts>& runs)
{
    bool passed = false;
    bool failed = false;
    for (const auto& run : runs) {
        const Seen seen = seen_in(run, name);
        passed = passed || seen == Seen::passed;
        failed = failed || seen == Seen::failed;
    }
    return passed && failed;
}

} // namespace

std::vector<std::string> retry_suspects(const std::optional<RunFacts>& base, const RunFacts& change)
{
    if (!base || change.passed) return {};
    const Comparison comparison = compare_runs(base, change);
    if (comparison.outcome != Outcome::broke) return {};
    if (!comparison.broke.empty()) return comparison.broke;
    // Broke without names: the whole run is what failed (a timeout, a crash, an unknown format).
    return {kWholeRun};
}

std::vector<std::string> flaky_among(const std::vector<std::string>& names, const std::vector<RunFacts>& runs)
{
    std::vector<std::string> flaky;
    for (const auto& name : names) {
        if (flaky_in(name, runs)) flaky.push_back(name);
    }
    return flaky;
}

bool all_flaky(const std::vector<std::string>& suspects, const std::vector<RunFacts>& change_runs, const std::vector<RunFacts>& base_runs)
{
    return std::all_of(suspects.begin(), suspects.end(),
                       [&](const std::string& name) { return flaky_in(name, change_runs) || flaky_in(name, base_runs); });
}

RunFacts without_flaky(const RunFacts& run, const std::vector<std::string>& flaky)
{
    RunFacts out = run;
    if (run.passed || flaky.empty()) return out;
    if (std::find(flaky.begin(), flaky.end(), kWholeRun) != flaky.end()) {
        out.passed = true;
        out.failing.clear();
        return out;
    }
    if (!run.names_known || run.failing.empty()) return out;
    out.failing.clear();
    std::copy_if(run.failing.begin(), run.failing.end(), std::back_inserter(out.failing),
                 [&](const std::string& name) { return std::find(flaky.begin(), flaky.end(), name) == flaky.end(); });
    // Only flaky tests failed, and nothing else was wrong that a timeout would show.
    if (out.failing.empty() && !run.timed_out) out.passed = true;
    return out;
}

Comparison compare_with_flaky(const std::optional<RunFacts>& base, const RunFacts& change, std::vector<std::string> flaky)
{
    std::sort(flaky.begin(), flaky.end());
    flaky.erase(std::unique(flaky.begin(), flaky.end()), flaky.end());
    std::optional<RunFacts> steady_base;
    if (base) steady_base = without_flaky(*base, flaky);
    Comparison comparison = compare_runs(steady_base, without_flaky(change, flaky));
    comparison.flaky = std::move(flaky);
    return comparison;
}

} // namespace oneshot::verify
