#include "context/history_signal.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>

namespace oneshot::context {

namespace {

constexpr std::size_t kMaxCommitFiles = 40;   // sweeping commits (renames, formatting) say nothing
constexpr double kChurnHalfLife = 60;         // commits

void normalise(std::vector<double>& values)
{
    const double top = values.empty() ? 0 : *std::max_element(values.begin(), values.end());
    if (top <= 0) return;
    for (double& v : values) v /= top;
}

} // namespace

HistorySignal history_signal(const std::vector<TrackedFile>& files, const std::vector<HistoryCommit>& history,
                             const std::vector<double>& seeds)
{
    HistorySignal signal;
    signal.cochange.assign(files.size(), 0.0);
    signal.churn.assign(files.size(), 0.0);
    if (history.empty()) return signal;
    std::unordered_map<std::string_view, std::size_t> index;
    for (std::size_t i = 0; i < files.size(); ++i) index.emplace(files[i].path, i);

    std::vector<std::size_t> touched;
    for (std::size_t c = 0; c < history.size(); ++c) {
        const HistoryCommit& commit = history[c];
        if (commit.paths.empty() || commit.paths.size() > kMaxCommitFiles) continue;
        touched.clear();
        for (const auto& p : commit.paths) {
            if (auto it = index.find(p); it != index.end()) touched.push_back(it->second);
        }
        const double recency = std::exp2(-static_cast<double>(c) / kChurnHalfLife);
        double seed_mass = 0;
        for (std::size_t i : touched) {
            signal.churn[i] += recency;
            seed_mass += seeds[i];
        }
        if (seed_mass <= 0) continue;
        const double share = seed_mass / static_cast<double>(touched.size());
        for (std::size_t i : touched) signal.cochange[i] += share - (seeds[i] > 0 ? seeds[i] / static_cast<double>(touched.size()) : 0);
    }
    for (double& v : signal.cochange) v = std::max(0.0, v);
    normalise(signal.cochange);
    normalise(signal.churn);
    return signal;
}

} // namespace oneshot::context
