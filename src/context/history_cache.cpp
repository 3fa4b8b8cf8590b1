#include "context/history_cache.hpp"

#include <algorithm>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>

#include <unistd.h>

namespace oneshot::context {

namespace {

constexpr std::size_t kKeptFiles = 16;
constexpr std::string_view kMagic = "oneshot-history 1";

bool plain_id(const std::string& id)
{
    return !id.empty() && id.size() <= 64 &&
           std::all_of(id.begin(), id.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::optional<std::vector<HistoryCommit>> read_history(const std::filesystem::path& file)
{
    std::ifstream in(file);
    if (!in) return std::nullopt;
    std::string line;
    if (!std::getline(in, line) || line != kMagic) return std::nullopt;
    std::vector<HistoryCommit> commits;
    while (std::getline(in, line)) {
        if (line == "end") return commits;
        std::istringstream head(line);
        HistoryCommit c;
        std::size_t paths = 0;
        if (!(head >> c.id >> c.time >> paths) || paths > 100000) return std::nullopt;
        for (std::size_t k = 0; k < paths; ++k) {
            if (!std::getline(in, line)) return std::nullopt;
            c.paths.push_back(line);
        }
        commits.push_back(std::move(c));
    }
    return std::nullopt;   // no end marker: torn or foreign
}

void write_history(const std::filesystem::path& dir, const std::vector<HistoryCommit>& commits)
{
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec || commits.empty() || !plain_id(commits.front().id)) return;
    std::ostringstream out;
    out << kMagic << "\n";
    for (const auto& c : commits) {
        if (std::any_of(c.paths.begin(), c.paths.end(), [](const std::string& p) { return p.find('\n') != std::string::npos; }))
            return;   // a path with a newline cannot be stored in this format: do not cache
        out << c.id << " " << c.time << " " << c.paths.size() << "\n";
        for (const auto& p : c.paths) out << p << "\n";
    }
    out << "end\n";
    std::random_device random;
    const auto final_path = dir / ("history-" + commits.front().id);
    const auto temp = dir / ("history-" + commits.front().id + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(random()));
    {
        std::ofstream file(temp, std::ios::trunc);
        file << out.str();
        if (!file) {
            std::filesystem::remove(temp, ec);
            return;
        }
    }
    std::filesystem::rename(temp, final_path, ec);
    if (ec) std::filesystem::remove(temp, ec);
    // Keep the newest few.
    std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with("history-") && name.find(".tmp.") == std::string::npos)
            files.emplace_back(entry.last_write_time(ec), entry.path());
    }
    if (files.size() <= kKeptFiles) return;
    std::sort(files.begin(), files.end());
    for (std::size_t k = 0; k + kKeptFiles < files.size(); ++k) std::filesystem::remove(files[k].second, ec);
}

} // namespace

std::vector<HistoryCommit> cached_history(const SourceTree& tree, std::size_t max_commits)
{
    const std::filesystem::path base = tree.cache_dir();
    if (base.empty() || max_commits < 2) return tree.history(max_commits);
    const std::filesystem::path dir = base / "context";
    std::vector<HistoryCommit> probe = tree.history(2);
    if (probe.empty() || !plain_id(probe.front().id)) return probe;
    if (auto hit = read_history(dir / ("history-" + probe.front().id))) {
        if (hit->size() > max_commits) hit->resize(max_commits);
        return *hit;
    }
    std::vector<HistoryCommit> history;
    if (probe.size() == 2 && plain_id(probe[1].id)) {
        if (auto parent = read_history(dir / ("history-" + probe[1].id))) {
            history.push_back(probe.front());
            for (auto& c : *parent) {
                if (history.size() >= max_commits) break;
                history.push_back(std::move(c));
            }
        }
    }
    if (history.empty()) history = tree.history(max_commits);
    write_history(dir, history);
    return history;
}

} // namespace oneshot::context
