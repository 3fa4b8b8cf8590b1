// What a change did to the tests, from the run on the change and the run on its base: pure logic,
// so "broke" versus "already failing" is decided the same way for the report and for choosing
// among repair attempts and candidates.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace oneshot::verify {

// The facts of one test run that a comparison needs.
struct RunFacts {
    bool passed = false;
    bool timed_out = false;
    std::optional<int> exit_code;
    bool names_known = false;               // the runner's format was recognised
    std::vector<std::string> failing;       // sorted, unique
};

enum class Outcome {
    passed,          // the change passes; the base was not run (or not needed)
    unchanged,       // passes, and passed on the base
    fixed,           // passes, and failed on the base
    broke,           // fails where the base did not (whole run, or some test names)
    still_failing,   // fails, the base fails too, and nothing new fails: pre-existing
};

const char* to_string(Outcome outcome);

struct Comparison {
    Outcome outcome = Outcome::passed;
    std::vector<std::string> fixed;           // failing on the base, passing now
    std::vector<std::string> broke;           // passing (or absent) on the base, failing now
    std::vector<std::string> still_failing;   // failing on both
    // Passed and failed on the same revision in re-runs (verify/flakiness.hpp): not counted in
    // the outcome. "" stands for the whole run when no names are known.
    std::vector<std::string> flaky;
    // The change adds no failure: passes, or fails only where the base already failed.
    bool no_new_failures() const { return outcome != Outcome::broke; }
};

// `base` is nullopt when the base was not run (only allowed when the change passed).
Comparison compare_runs(const std::optional<RunFacts>& base, const RunFacts& change);

} // namespace oneshot::verify
