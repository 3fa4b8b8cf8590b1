// The baseline cache: stable keys, round trips, and damaged files read as a miss.
#include "verify/baseline_cache.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <unistd.h>

using namespace oneshot::verify;

TEST_CASE("baseline cache: keys are stable and depend on the command", "[verify]")
{
    CHECK(command_hash("make test") == command_hash("make test"));
    CHECK(command_hash("make test") != command_hash("make check"));
    CHECK(command_hash("").size() == 16);
    CHECK(command_hash("") == "cbf29ce484222325");   // FNV-1a 64 offset basis: the empty input
    const auto path = baseline_path("/r/.git", "abc", "make test");
    CHECK(path.parent_path() == std::filesystem::path("/r/.git/oneshot/baseline"));
    CHECK(path.filename().string() == "abc-" + command_hash("make test") + ".json");
}

TEST_CASE("baseline cache: round trip through a file, damaged records are misses", "[verify]")
{
    std::string pattern = (std::filesystem::temp_directory_path() / "oneshot-baseline-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()));
    const std::filesystem::path dir = pattern;
    const auto file = dir / "oneshot" / "baseline" / "t-h.json";

    BaselineRecord record{RunFacts{false, false, 2, true, {"a", "b"}}, 1.5, "make test", {}};
    store_baseline(file, record);
    auto loaded = load_baseline(file);
    REQUIRE(loaded);
    CHECK(loaded->command == "make test");
    CHECK(loaded->facts.passed == false);
    CHECK(loaded->facts.exit_code == 2);
    CHECK(loaded->facts.failing == std::vector<std::string>{"a", "b"});
    CHECK(loaded->duration_s == 1.5);
    // No temporary file is left beside the record.
    CHECK(std::distance(std::filesystem::directory_iterator(file.parent_path()), std::filesystem::directory_iterator()) == 1);

    for (const char* bad : {"", "{", "[]", R"({"version": 2})", R"({"version": 1, "command": 3})"}) {
        std::ofstream(file, std::ios::trunc) << bad;
        CHECK_FALSE(load_baseline(file));
    }
    CHECK_FALSE(load_baseline(dir / "missing.json"));
    std::filesystem::remove_all(dir);
}

TEST_CASE("baseline cache: the flakiness re-runs are kept with the record", "[verify]")
{
    BaselineRecord record;
    record.command = "make test";
    record.facts = RunFacts{true, false, 0, true, {}};
    record.reruns.push_back(RunFacts{false, false, 1, true, {"t [x]"}});
    record.reruns.push_back(RunFacts{true, false, 0, true, {}});
    const auto back = baseline_from_json(to_json(record));
    REQUIRE(back);
    REQUIRE(back->reruns.size() == 2);
    CHECK(back->reruns[0].failing == std::vector<std::string>{"t [x]"});
    CHECK(back->reruns[1].passed);
    // A record from before re-runs were kept reads as one with none.
    auto old = to_json(record);
    old.erase("reruns");
    REQUIRE(baseline_from_json(old));
    CHECK(baseline_from_json(old)->reruns.empty());
    auto damaged = to_json(record);
    damaged["reruns"] = "no";
    CHECK_FALSE(baseline_from_json(damaged));
}
