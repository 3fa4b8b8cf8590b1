// The judge: when tests cannot separate the surviving candidates (all pass, or there are no
// tests), one request to a reasoning model acting as a reviewer, which compares their diffs with
// the task and picks one. Pure: the prompt out, the verdict in.
#pragma once

#include "core/error.hpp"
#include "model/types.hpp"

#include <string>
#include <vector>

namespace oneshot::verify {

struct JudgeEntry {
    int number = 0;          // as shown to the judge and reported ("candidate 2")
    std::string summary;     // the candidate's commit subject
    std::string diff;        // unified diff against the base
    std::string tests;       // one line: the tests' verdict, or "no tests"
};

struct JudgeVerdict {
    int winner = 0;          // one of the entries' numbers
    std::string reasons;
};

const nlohmann::json& judge_schema();

// Diffs longer than max_diff_bytes each are cut (with a note), so the request stays bounded.
model::Prompt judge_prompt(const std::string& task, const std::vector<JudgeEntry>& entries, std::size_t max_diff_bytes = 40000);

// The verdict must name one of the entries; anything else is ErrorKind::model.
Result<JudgeVerdict> parse_verdict(const std::string& answer_json, const std::vector<JudgeEntry>& entries);

} // namespace oneshot::verify
