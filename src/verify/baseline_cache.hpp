// The base revision's test results, cached on disk by tree id and test command, so a batch of
// tasks on one base (or the candidates and repair rounds of one task) runs the base's tests once.
// Files live under <git dir>/oneshot/baseline/<tree>-<hash of command>.json; written atomically
// (temporary file, then rename) so concurrent runs never read half a record.
#pragma once

#include "verify/comparison.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace oneshot::verify {

struct BaselineRecord {
    RunFacts facts;                  // the first run
    double duration_s = 0;
    std::string command;
    std::vector<RunFacts> reruns;    // later runs made to tell flaky tests (verify/flakiness.hpp)
};

// Stable across runs and machines (FNV-1a, 64 bits), unlike std::hash.
std::string command_hash(const std::string& command);

std::filesystem::path baseline_path(const std::filesystem::path& git_dir, const std::string& tree_hex, const std::string& command);

nlohmann::json to_json(const BaselineRecord& record);
// nullopt for anything that is not a well-formed record (a damaged cache is a cache miss).
std::optional<BaselineRecord> baseline_from_json(const nlohmann::json& json);

std::optional<BaselineRecord> load_baseline(const std::filesystem::path& file);
// Best effort: a cache that cannot be written only costs time later.
void store_baseline(const std::filesystem::path& file, const BaselineRecord& record);

} // namespace oneshot::verify
