// The run report (design.md, fixed contract): one JSON object on stdout with --json, a short human
// summary on stderr otherwise, and the exit code both imply.
#pragma once

#include "core/error.hpp"
#include "model/types.hpp"
#include "patch/document.hpp"
#include "verify/verifier.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace oneshot::cli {

enum class RunStatus { passed, failed, untested, error };

struct ModelInfo {
    std::string provider;
    std::string model;
    model::Usage usage;
    double cost_usd = 0;
};

// One answer of a run with repair rounds or candidates (design.md: "attempts and candidates
// lists, one entry each, with its own tests and usage").
struct AttemptReport {
    int attempt = 1;                          // repair round, 1-based
    int candidate = 1;                        // within the round, 1-based
    RunStatus status = RunStatus::error;      // passed, failed, untested (applied) or error
    bool chosen = false;                      // the answer the branch was made from
    std::vector<patch::Change> changes;
    std::size_t diff_lines = 0;
    std::optional<verify::Verification> tests;
    model::Usage usage;                       // this entry's requests only
    double cost_usd = 0;
    std::optional<Error> error;
};

// The reviewer's verdict among candidates the tests could not separate.
struct JudgeReport {
    std::string model;
    std::vector<std::pair<int, int>> compared;   // (attempt, candidate) of each candidate shown
    std::optional<std::pair<int, int>> winner;   // (attempt, candidate); null when the judge failed
    std::string reasons;
    model::Usage usage;
    double cost_usd = 0;
    std::optional<Error> error;                  // the judge failed; the ranking's choice stands
};

struct RunReport {
    RunStatus status = RunStatus::error;
    std::optional<std::string> branch;
    std::optional<std::string> commit;
    std::string base;
    std::vector<patch::Change> changes;
    std::optional<verify::Verification> tests;
    std::optional<ModelInfo> model;
    std::optional<Error> error;
    int rounds = 0;                           // model rounds that ran (0: no request was made)
    int max_rounds = 0;                       // --attempts: at most this many
    std::vector<AttemptReport> attempts;      // one per repair round (its best answer), with --attempts N > 1
    std::vector<AttemptReport> candidates;    // every answer, with --candidates N > 1
    std::optional<JudgeReport> judge;         // with --judge, when it was asked
};

// Exit codes (design.md): 0 done, 1 tests fail, 2 usage/config, 3 model/network, 4 patch, 130 interrupted.
int exit_code_for(const RunReport& report);
int exit_code_for(ErrorKind kind);

nlohmann::json to_json(const RunReport& report);
nlohmann::json to_json(const model::Usage& usage);

// A few lines for a person: what was made, the tests' verdict, tokens and cost, or what went wrong.
std::string human_summary(const RunReport& report);

const char* action_name(patch::Action action);

// The tests' verdict for a person: which command and why, passed/failed, what changed against the
// base (broke, pre-existing, fixed), the failing names and the output tail.
std::string tests_summary(const verify::Verification& verification);

} // namespace oneshot::cli
