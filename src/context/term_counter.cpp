#include "context/term_counter.hpp"

#include <algorithm>

namespace oneshot::context {

std::size_t TermCounter::slot_of(std::uint32_t hash) const
{
    // Multiplicative hashing spreads FNV values whose low bits cluster.
    return static_cast<std::size_t>((static_cast<std::uint64_t>(hash) * 0x9E3779B97F4A7C15ull) >> 32) & (slots_.size() - 1);
}

void TermCounter::add(std::uint32_t hash)
{
    ++total_;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = slot_of(hash);; i = (i + 1) & mask) {
        Slot& slot = slots_[i];
        if (slot.count == 0) {
            slot.hash = hash;
            slot.count = 1;
            used_.push_back(static_cast<std::uint32_t>(i));
            if (used_.size() * 2 > slots_.size()) grow();
            return;
        }
        if (slot.hash == hash) {
            ++slot.count;
            return;
        }
    }
}

void TermCounter::grow()
{
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    std::vector<std::uint32_t> old_used;
    old_used.swap(used_);
    used_.reserve(old_used.size());
    const std::size_t mask = slots_.size() - 1;
    for (std::uint32_t k : old_used) {
        const Slot& from = old[k];
        std::size_t i = slot_of(from.hash);
        while (slots_[i].count != 0) i = (i + 1) & mask;
        slots_[i] = from;
        used_.push_back(static_cast<std::uint32_t>(i));
    }
}

void TermCounter::take_sorted(std::vector<std::pair<std::uint32_t, std::uint32_t>>& out)
{
    out.clear();
    out.reserve(used_.size());
    for (std::uint32_t k : used_) {
        out.emplace_back(slots_[k].hash, slots_[k].count);
        slots_[k] = Slot{};
    }
    used_.clear();
    total_ = 0;
    std::sort(out.begin(), out.end());
}

} // namespace oneshot::context
