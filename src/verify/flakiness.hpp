// Telling flaky tests from broken ones. A test that fails on the change but passed on the base is
// run again, on both revisions, a few times; one that both passes and fails on the same revision is
// flaky and does not decide the verdict — the tests that fail consistently do. Pure: the runs come
// in as facts, the I/O of re-running lives in the verifier.
#pragma once

#include "verify/comparison.hpp"

#include <string>
#include <vector>

namespace oneshot::verify {

// Stands for the whole run when the failing tests cannot be named: the run itself is then the
// one "test" that passes or fails.
inline const std::string kWholeRun;

// What the re-runs must settle: the names the change's first run failed that the base's did not
// (kWholeRun alone when the change failed where the base passed and no names are known). Empty
// when the base was not run, or nothing new failed.
std::vector<std::string> retry_suspects(const std::optional<RunFacts>& base, const RunFacts& change);

// Names (or kWholeRun) seen both passing and failing among runs of one revision. A run whose
// failures have no names says nothing about single tests, only about kWholeRun.
std::vector<std::string> flaky_among(const std::vector<std::string>& names, const std::vector<RunFacts>& runs);

// Every suspect already shown flaky on one side or the other: more runs cannot change the verdict.
bool all_flaky(const std::vector<std::string>& suspects, const std::vector<RunFacts>& change_runs, const std::vector<RunFacts>& base_runs);

// A run's facts with the flaky failures discounted: the rest decides. A failed run whose every
// named failure is flaky (or, unnamed, whose whole run is flaky) counts as passed.
RunFacts without_flaky(const RunFacts& run, const std::vector<std::string>& flaky);

// The comparison decided by consistent failures, with `flaky` filled in (sorted, unique).
Comparison compare_with_flaky(const std::optional<RunFacts>& base, const RunFacts& change, std::vector<std::string> flaky);

} // namespace oneshot::verify
