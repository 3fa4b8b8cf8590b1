#include "context/history_cache.hpp"
#include "memory_tree.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

using namespace oneshot::context;
using oneshot::context::testing::MemoryTree;

namespace {

std::vector<HistoryCommit> commits(int first, int count)
{
    std::vector<HistoryCommit> out;
    for (int k = first; k < first + count; ++k) {
        char id[41];
        std::snprintf(id, sizeof id, "%040x", 1000 - k);
        out.push_back(HistoryCommit{id, 5000 - k, {"src/f" + std::to_string(k % 7) + ".c", "a b/with space.txt"}});
    }
    return out;
}

bool same(const std::vector<HistoryCommit>& a, const std::vector<HistoryCommit>& b)
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].id != b[i].id || a[i].time != b[i].time || a[i].paths != b[i].paths) return false;
    }
    return true;
}

} // namespace

TEST_CASE("history is walked once per revision, a new commit on a cached one costs a probe", "[context]")
{
    std::random_device random;
    const auto dir = std::filesystem::temp_directory_path() / ("oneshot-history-" + std::to_string(random()));
    const auto all = commits(0, 60);

    const std::vector<HistoryCommit> older(all.begin() + 1, all.end());
    MemoryTree first({}, older, dir);
    CHECK(same(cached_history(first, 50), std::vector<HistoryCommit>(older.begin(), older.begin() + 50)));
    CHECK(first.history_requests_ == std::vector<std::size_t>{2, 50});

    MemoryTree again({}, older, dir);
    CHECK(same(cached_history(again, 50), std::vector<HistoryCommit>(older.begin(), older.begin() + 50)));
    CHECK(again.history_requests_ == std::vector<std::size_t>{2});   // served from the cache

    MemoryTree newer({}, all, dir);   // one commit on top of the cached revision
    CHECK(same(cached_history(newer, 50), std::vector<HistoryCommit>(all.begin(), all.begin() + 50)));
    CHECK(newer.history_requests_ == std::vector<std::size_t>{2});

    MemoryTree no_cache({}, all, {});
    CHECK(same(cached_history(no_cache, 50), std::vector<HistoryCommit>(all.begin(), all.begin() + 50)));
    std::filesystem::remove_all(dir);
}
