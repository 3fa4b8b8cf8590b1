// An in-memory SourceTree for context tests: files given as path -> text, optional history.
#pragma once

#include "context/source_tree.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace oneshot::context::testing {

class MemoryTree final : public SourceTree {
public:
    explicit MemoryTree(std::map<std::string, std::string> contents, std::vector<HistoryCommit> history = {},
                        std::filesystem::path cache = {})
        : contents_(std::move(contents)), history_(std::move(history)), cache_(std::move(cache))
    {
        for (const auto& [path, text] : contents_) {
            // A stand-in blob id: identical text gives an identical id, as in git.
            files_.push_back(TrackedFile{path, std::to_string(std::hash<std::string>{}(text)), text.size(), false});
        }
    }

    const std::vector<TrackedFile>& files() const override { return files_; }

    Result<std::string> read(const TrackedFile& file) const override
    {
        ++reads_;
        auto it = contents_.find(file.path);
        if (it == contents_.end()) return make_error(ErrorKind::internal, "no such file " + file.path);
        return it->second;
    }

    std::vector<HistoryCommit> history(std::size_t max_commits) const override
    {
        std::vector<HistoryCommit> out(history_.begin(), history_.begin() + static_cast<long>(std::min(max_commits, history_.size())));
        return out;
    }

    std::filesystem::path cache_dir() const override { return cache_; }

    mutable std::atomic<std::size_t> reads_{0};   // read from several threads by the analysis

private:
    std::map<std::string, std::string> contents_;
    std::vector<HistoryCommit> history_;
    std::filesystem::path cache_;
    std::vector<TrackedFile> files_;
};

} // namespace oneshot::context::testing
