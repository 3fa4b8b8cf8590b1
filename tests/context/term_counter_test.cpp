#include "context/term_counter.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <random>

using namespace oneshot::context;

namespace {

std::vector<std::pair<std::uint32_t, std::uint32_t>> reference_counts(const std::vector<std::uint32_t>& hashes)
{
    std::map<std::uint32_t, std::uint32_t> counts;
    for (std::uint32_t h : hashes) ++counts[h];
    return {counts.begin(), counts.end()};
}

} // namespace

TEST_CASE("TermCounter counts like a map, sorted, across growth and reuse", "[context]")
{
    std::mt19937 random(7);
    TermCounter counter;
    // Sizes below and far above the initial table, and hashes that collide in the low bits.
    for (std::size_t distinct : {1u, 5u, 600u, 5000u, 40000u}) {
        std::vector<std::uint32_t> hashes;
        for (std::size_t k = 0; k < distinct * 3; ++k) {
            const std::uint32_t base = static_cast<std::uint32_t>(random() % distinct);
            hashes.push_back(k % 2 ? base << 16 : base * 2654435761u);
        }
        hashes.push_back(0);   // hash 0 is a term like any other
        for (std::uint32_t h : hashes) counter.add(h);
        CHECK(counter.total() == hashes.size());
        std::vector<std::pair<std::uint32_t, std::uint32_t>> got{{1, 1}};   // replaced, not appended to
        counter.take_sorted(got);
        CHECK(got == reference_counts(hashes));
        CHECK(counter.total() == 0);
    }
    std::vector<std::pair<std::uint32_t, std::uint32_t>> empty;
    counter.take_sorted(empty);
    CHECK(empty.empty());
}
