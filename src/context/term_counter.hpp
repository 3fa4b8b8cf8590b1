// Counting term hashes of one file: an open-addressing table reused from file to file, so the
// whole-tree word scan allocates nothing per term (a node-based hash map spent a kernel-size
// prefilter mostly in malloc).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace oneshot::context {

class TermCounter {
public:
    void add(std::uint32_t hash);
    std::uint32_t total() const { return total_; }
    // The counts as (hash, occurrences) sorted by hash; the counter is empty again afterwards.
    void take_sorted(std::vector<std::pair<std::uint32_t, std::uint32_t>>& out);

private:
    struct Slot {
        std::uint32_t hash = 0;
        std::uint32_t count = 0;   // 0: empty
    };
    void grow();
    std::size_t slot_of(std::uint32_t hash) const;

    std::vector<Slot> slots_ = std::vector<Slot>(1024);
    std::vector<std::uint32_t> used_;   // indices of occupied slots, to reset only those
    std::uint32_t total_ = 0;
};

} // namespace oneshot::context
