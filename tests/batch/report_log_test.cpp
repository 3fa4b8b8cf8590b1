#include "batch/report_log.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>

using namespace oneshot::batch;
using nlohmann::json;

TEST_CASE("report: complete records are read, a torn last line is dropped, not fatal", "[batch]")
{
    const std::string good = "{\"id\":\"a\",\"status\":\"passed\"}\n{\"id\":\"b\",\"status\":\"error\"}\n";
    auto whole = parse_report(good, "r.jsonl");
    REQUIRE(whole);
    CHECK(whole->records.size() == 2);
    CHECK(whole->valid_bytes == good.size());
    CHECK_FALSE(whole->torn_tail);

    for (const std::string tail : {"{\"id\":\"c\",\"sta", "{\"id\":\"c\"}", "garbage\n"}) {
        INFO(tail);
        auto torn = parse_report(good + tail, "r.jsonl");
        REQUIRE(torn);
        CHECK(torn->records.size() == 2);
        CHECK(torn->valid_bytes == good.size());
        CHECK(torn->torn_tail);
    }
}

TEST_CASE("report: a bad line in the middle is an error naming it", "[batch]")
{
    auto bad = parse_report("{\"id\":\"a\"}\n[1]\n{\"id\":\"b\"}\n", "r.jsonl");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("r.jsonl line 2") == 0);
}

TEST_CASE("report: the file is repaired in place and appended to record by record", "[batch]")
{
    char dir[] = "/tmp/oneshot-report-XXXXXX";
    REQUIRE(::mkdtemp(dir));
    const std::filesystem::path path = std::filesystem::path(dir) / "r.jsonl";
    std::ofstream(path, std::ios::binary) << "{\"id\":\"a\"}\n{\"id\":\"b\",\"stat";
    auto loaded = load_report_repairing(path);
    REQUIRE(loaded);
    CHECK(loaded->records.size() == 1);
    {
        auto writer = ReportWriter::open(path);
        REQUIRE(writer);
        REQUIRE(writer->append(json{{"id", "b"}, {"status", "passed"}}));
    }
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text == "{\"id\":\"a\"}\n{\"id\":\"b\",\"status\":\"passed\"}\n");
    std::filesystem::remove_all(dir);
}

TEST_CASE("report: merging keeps the first place of an id and the last record of it", "[batch]")
{
    auto merged = merge_reports({{"1.jsonl", "{\"id\":\"a\",\"n\":1}\n{\"id\":\"b\",\"n\":1}\n"},
                                 {"2.jsonl", "{\"id\":\"c\",\"n\":2}\n{\"id\":\"a\",\"n\":2}\n"}});
    REQUIRE(merged);
    REQUIRE(merged->size() == 3);
    CHECK(merged->at(0) == json{{"id", "a"}, {"n", 2}});
    CHECK(merged->at(1)["id"] == "b");
    CHECK(merged->at(2)["id"] == "c");
    CHECK_FALSE(merge_reports({{"bad.jsonl", "nope\n{\"id\":\"a\"}\n"}}));
}
