// --shard I/N: a deterministic share of the tasks, by a hash of the id that is the same on every
// machine, compiler and run (FNV-1a 64), so N machines given 1/N .. N/N together do each task once.
#pragma once

#include "core/error.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace oneshot::batch {

struct Shard {
    int index = 1;   // 1-based
    int count = 1;
};

Result<Shard> parse_shard(std::string_view text);   // "I/N", 1 <= I <= N
std::uint64_t stable_hash(std::string_view text);
bool in_shard(const std::string& id, const Shard& shard);

} // namespace oneshot::batch
