#include "batch/shard.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace oneshot::batch;

TEST_CASE("shard: I/N is parsed strictly", "[batch]")
{
    auto shard = parse_shard("2/5");
    REQUIRE(shard);
    CHECK(shard->index == 2);
    CHECK(shard->count == 5);
    for (const char* bad : {"0/3", "4/3", "1/0", "1", "a/b", "1/3x", "/3", "-1/3"}) {
        INFO(bad);
        CHECK_FALSE(parse_shard(bad));
    }
}

TEST_CASE("shard: every id lands in exactly one shard, by a hash fixed across machines", "[batch]")
{
    // FNV-1a 64 of "" and "a" (published test vectors): the hash may never change, or shards of a
    // batch split over machines with different builds would overlap.
    CHECK(stable_hash("") == 0xcbf29ce484222325ull);
    CHECK(stable_hash("a") == 0xaf63dc4c8601ec8cull);
    const int n = 7;
    int per_shard[n] = {};
    for (int i = 0; i < 7000; ++i) {
        const std::string id = "task-" + std::to_string(i);
        int owners = 0;
        for (int s = 1; s <= n; ++s) {
            if (in_shard(id, Shard{s, n})) {
                ++owners;
                ++per_shard[s - 1];
            }
        }
        CHECK(owners == 1);
    }
    for (int count : per_shard) CHECK(count > 800);   // roughly even (1000 expected)
}
