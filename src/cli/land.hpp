// The part `run` and `apply` share once a patch is resolved: commit, branch, tests, report.
#pragma once

#include "cli/run_report.hpp"
#include "patch/resolved.hpp"
#include "repo/repository.hpp"
#include "verify/verifier.hpp"

#include <string>
#include <utility>
#include <vector>

namespace oneshot::cli {

struct LandOptions {
    std::string branch;                  // already chosen and checked
    bool run_tests = true;
    verify::VerifyOptions verify;
    std::vector<std::pair<std::string, std::string>> trailers;   // e.g. {"Generated-by", "git-oneshot (openai/o3)"}
};

// Fills report.branch/commit/changes/tests/status, or report.error; never leaves a branch behind
// on error or interrupt.
void land_change(const repo::Repository& repository, const git_oid& base, const patch::ResolvedPatch& patch,
                 const LandOptions& options, RunReport& report);

// The branch for new work: an explicit name must be valid and free (usage error otherwise); the
// default is <prefix><slug of hint>, made unique.
Result<std::string> choose_branch(const repo::Repository& repository, const std::string& explicit_name,
                                  const std::string& prefix, const std::string& hint);

} // namespace oneshot::cli
