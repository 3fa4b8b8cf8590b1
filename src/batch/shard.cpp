#include "batch/shard.hpp"

#include <charconv>

namespace oneshot::batch {

Result<Shard> parse_shard(std::string_view text)
{
    const auto bad = [&] {
        return make_error(ErrorKind::usage, "--shard wants I/N with 1 <= I <= N (e.g. 2/8), not '" + std::string(text) + "'");
    };
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) return bad();
    Shard shard;
    const auto parse = [](std::string_view part, int& out) {
        auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
        return ec == std::errc() && ptr == part.data() + part.size() && !part.empty();
    };
    if (!parse(text.substr(0, slash), shard.index) || !parse(text.substr(slash + 1), shard.count)) return bad();
    if (shard.count < 1 || shard.index < 1 || shard.index > shard.count) return bad();
    return shard;
}

std::uint64_t stable_hash(std::string_view text)
{
    std::uint64_t hash = 0xcbf29ce484222325ull;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 0x100000001b3ull;
    }
    return hash;
}

bool in_shard(const std::string& id, const Shard& shard)
{
    return static_cast<int>(stable_hash(id) % static_cast<std::uint64_t>(shard.count)) == shard.index - 1;
}

} // namespace oneshot::batch
