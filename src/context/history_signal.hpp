// What the history says about each file for a task: how often it changed together with the files
// the task already points at (co-change), and how much it changed lately (churn). Both are weak
// alone and useful as tie-breakers between files the words and the graph rank alike.
#pragma once

#include "context/source_tree.hpp"

#include <vector>

namespace oneshot::context {

struct HistorySignal {
    std::vector<double> cochange;   // per file, normalised so the maximum is 1 (all 0 without history)
    std::vector<double> churn;      // per file, recency-weighted change count, maximum 1
};

// seeds: per file, how strongly the task points at it (any scale; zero for most files).
HistorySignal history_signal(const std::vector<TrackedFile>& files, const std::vector<HistoryCommit>& history,
                             const std::vector<double>& seeds);

} // namespace oneshot::context
