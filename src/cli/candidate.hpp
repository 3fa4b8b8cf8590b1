// One model answer on its way to becoming the run's result: applied as a commit that no ref
// points to, tested in its own worktree, scored. Repair rounds and best-of-N both work on lists
// of these; only the winner ever gets a branch, so losers leave nothing reachable behind.
#pragma once

#include "context/engine.hpp"
#include "core/error.hpp"
#include "model/types.hpp"
#include "patch/resolved.hpp"
#include "repo/commit_writer.hpp"
#include "repo/repository.hpp"
#include "verify/ranking.hpp"
#include "verify/verifier.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace oneshot::cli {

struct Candidate {
    int round = 1;                            // 1-based repair round
    int index = 1;                            // 1-based within its round
    model::Usage usage;
    double cost_usd = 0;
    std::string answer_text;                  // as the model wrote it, for the next round's prompt
    std::optional<Error> error;               // the answer failed: model, patch, unsafe, ...
    std::optional<patch::ResolvedPatch> patch;
    std::optional<repo::NewCommit> commit;
    std::size_t diff_lines = 0;
    bool tests_requested = false;
    std::optional<verify::Verification> tests;
    bool chosen = false;
    std::string syntax_notes;                 // parse problems the gate let through (macros): for a repair prompt

    verify::CandidateScore score() const;
    bool applied() const { return commit.has_value(); }
};

// Parses the answer, holds it to the edit scope, resolves it on the base and writes its commit
// (objects only). Failures land in candidate.error. Uses libgit2: call from one thread.
// syntax_gate: false (--no-syntax-gate) lets new parse errors through to the tests.
void apply_candidate(Candidate& candidate, const std::string& answer_json, const repo::Repository& repository,
                     const git_oid& base, const context::ContextPack* pack,
                     const std::vector<std::pair<std::string, std::string>>& trailers, bool syntax_gate = true);

// Tests every applied candidate, each in its own temporary worktree, at most one run per core at
// a time; worktrees are made and removed on this thread (libgit2), only the test processes run
// in parallel. Compares each with the base (run once, then cached). Interrupted, or any other
// failure of the machinery: an error, with every worktree already removed.
Status test_candidates(std::vector<Candidate*> candidates, const repo::Repository& repository, const git_oid& base,
                       const verify::VerifyOptions& options);

// The unified diff (git's patch format) from the base commit's tree to another tree.
std::string diff_text(const repo::Repository& repository, const git_oid& base_commit, const git_oid& tree);

// Lines added plus removed between the base commit's tree and another tree.
std::size_t diff_lines(const repo::Repository& repository, const git_oid& base_commit, const git_oid& tree);

} // namespace oneshot::cli
