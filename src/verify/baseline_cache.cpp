#include "verify/baseline_cache.hpp"

#include "core/json_text.hpp"

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <system_error>
#include <unistd.h>

namespace oneshot::verify {

std::string command_hash(const std::string& command)
{
    std::uint64_t hash = 14695981039346656037ull;
    for (const unsigned char c : command) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
    return text;
}

std::filesystem::path baseline_path(const std::filesystem::path& git_dir, const std::string& tree_hex, const std::string& command)
{
    return git_dir / "oneshot" / "baseline" / (tree_hex + "-" + command_hash(command) + ".json");
}

namespace {

nlohmann::json facts_json(const RunFacts& facts)
{
    return {{"passed", facts.passed},
            {"timed_out", facts.timed_out},
            {"exit_code", facts.exit_code ? nlohmann::json(*facts.exit_code) : nlohmann::json(nullptr)},
            {"names_known", facts.names_known},
            {"failing", facts.failing}};
}

// Throws nlohmann::json::exception on a malformed record; the caller turns that into a miss.
RunFacts facts_from_json(const nlohmann::json& json)
{
    RunFacts facts;
    facts.passed = json.at("passed").get<bool>();
    facts.timed_out = json.at("timed_out").get<bool>();
    const auto& exit_code = json.at("exit_code");
    if (!exit_code.is_null()) facts.exit_code = exit_code.get<int>();
    facts.names_known = json.at("names_known").get<bool>();
    facts.failing = json.at("failing").get<std::vector<std::string>>();
    return facts;
}

} // namespace

nlohmann::json to_json(const BaselineRecord& record)
{
    nlohmann::json out = facts_json(record.facts);
    out["version"] = 1;
    out["command"] = record.command;
    out["duration_s"] = record.duration_s;
    out["reruns"] = nlohmann::json::array();
    for (const auto& rerun : record.reruns) out["reruns"].push_back(facts_json(rerun));
    return out;
}

std::optional<BaselineRecord> baseline_from_json(const nlohmann::json& json)
{
    try {
        if (!json.is_object() || json.value("version", 0) != 1) return std::nullopt;
        BaselineRecord record;
        record.command = json.at("command").get<std::string>();
        record.facts = facts_from_json(json);
        record.duration_s = json.at("duration_s").get<double>();
        // Records written before flakiness was measured have no re-runs: none were made.
        if (const auto reruns = json.find("reruns"); reruns != json.end()) {
            for (const auto& rerun : reruns->get_ref<const nlohmann::json::array_t&>()) record.reruns.push_back(facts_from_json(rerun));
        }
        return record;
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

std::optional<BaselineRecord> load_baseline(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_discarded()) return std::nullopt;
    return baseline_from_json(json);
}

void store_baseline(const std::filesystem::path& file, const BaselineRecord& record)
{
    static std::atomic<unsigned> counter{0};
    std::error_code error;
    std::filesystem::create_directories(file.parent_path(), error);
    if (error) return;
    const auto temporary = file.parent_path() / (file.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << json_text(to_json(record)) << '\n';
        if (!out.flush()) {
            std::filesystem::remove(temporary, error);
            return;
        }
    }
    std::filesystem::rename(temporary, file, error);
    if (error) std::filesystem::remove(temporary, error);
}

} // namespace oneshot::verify
