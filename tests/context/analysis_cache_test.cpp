#include "context/analysis_cache.hpp"
#include "context/analysis_codec.hpp"
#include "context/engine.hpp"
#include "memory_tree.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

using namespace oneshot::context;
using oneshot::context::testing::MemoryTree;

namespace {

struct TempDir {
    TempDir()
    {
        std::random_device random;
        path = std::filesystem::temp_directory_path() / ("oneshot-ctx-cache-" + std::to_string(random()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() { std::filesystem::remove_all(path); }
    std::filesystem::path path;
};

const std::string kOid = "0123456789abcdef0123456789abcdef01234567";
const std::string kOtherOid = "f123456789abcdef0123456789abcdef01234567";

FileAnalysis sample_analysis()
{
    return analyze_file("src/a.c", "#define LIMIT 4\nstatic int add(int a, int b)\n{\n    return clamp(a + b);\n}\n");
}

bool same(const FileAnalysis& a, const FileAnalysis& b)
{
    if (a.lines != b.lines || a.tokens != b.tokens || a.terms != b.terms || a.term_total != b.term_total ||
        a.parsed != b.parsed || a.definitions.size() != b.definitions.size() || a.references.size() != b.references.size())
        return false;
    for (std::size_t i = 0; i < a.definitions.size(); ++i) {
        const auto& x = a.definitions[i];
        const auto& y = b.definitions[i];
        if (x.name != y.name || x.kind != y.kind || x.first_line != y.first_line || x.last_line != y.last_line ||
            x.name_line != y.name_line)
            return false;
    }
    for (std::size_t i = 0; i < a.references.size(); ++i) {
        if (a.references[i].name != b.references[i].name || a.references[i].line != b.references[i].line) return false;
    }
    return true;
}

} // namespace

TEST_CASE("an analysis survives encoding, every truncation or corruption decodes to nothing", "[context]")
{
    const FileAnalysis a = sample_analysis();
    REQUIRE(a.parsed);
    REQUIRE(a.definitions.size() >= 2);
    const std::string bytes = encode_analysis(a);
    auto back = decode_analysis(bytes);
    REQUIRE(back.has_value());
    CHECK(same(a, *back));
    for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
        INFO("cut at " << cut);
        CHECK_FALSE(decode_analysis(std::string_view(bytes).substr(0, cut)).has_value());
    }
    std::string wrong_version = bytes;
    wrong_version[0] = 99;
    CHECK_FALSE(decode_analysis(wrong_version).has_value());
}

TEST_CASE("decoding with a term filter keeps exactly the wanted terms and everything else", "[context]")
{
    const FileAnalysis a = sample_analysis();
    REQUIRE(a.terms.size() >= 4);
    // Wanted: the first and third terms present, plus hashes the file does not contain.
    std::vector<std::uint32_t> keep{a.terms[0].first, a.terms[2].first, a.terms[2].first + 1, 0xffffffffu};
    std::sort(keep.begin(), keep.end());
    keep.erase(std::unique(keep.begin(), keep.end()), keep.end());
    auto filtered = decode_analysis(encode_analysis(a), &keep);
    REQUIRE(filtered.has_value());
    CHECK(filtered->terms == std::vector<std::pair<std::uint32_t, std::uint32_t>>{a.terms[0], a.terms[2]});
    CHECK(term_count(*filtered, a.terms[2].first) == a.terms[2].second);
    CHECK(term_count(*filtered, a.terms[1].first) == 0);
    FileAnalysis expected = a;
    keep_only_terms(expected, keep);
    CHECK(same(expected, *filtered));   // term_total, definitions and references untouched
    const std::vector<std::uint32_t> none;
    auto empty = decode_analysis(encode_analysis(a), &none);
    REQUIRE(empty.has_value());
    CHECK(empty->terms.empty());
    CHECK(empty->term_total == a.term_total);
}

TEST_CASE("term counts of every width survive encoding and an unsorted term block is refused", "[context]")
{
    for (std::uint32_t largest : {200u, 60000u, 3000000u}) {
        FileAnalysis a;
        a.lines = 3;
        a.terms = {{5, 1}, {9, largest}, {0xfffffff0u, 2}};
        a.term_total = largest + 3;
        const std::string bytes = encode_analysis(a);
        auto back = decode_analysis(bytes);
        REQUIRE(back.has_value());
        CHECK(back->terms == a.terms);
        const std::vector<std::uint32_t> keep{9, 10};
        auto some = decode_analysis(bytes, &keep);
        REQUIRE(some.has_value());
        CHECK(some->terms == std::vector<std::pair<std::uint32_t, std::uint32_t>>{{9, largest}});
    }
    FileAnalysis unsorted;
    unsorted.terms = {{9, 1}, {5, 1}};
    CHECK_FALSE(decode_analysis(encode_analysis(unsorted)).has_value());
}

TEST_CASE("cached analyses come back by blob id and key, across cache instances", "[context]")
{
    TempDir dir;
    const FileAnalysis a = sample_analysis();
    {
        AnalysisCache cache(dir.path);
        cache.load();
        CHECK_FALSE(cache.get(kOid, 7).has_value());
        cache.put(kOid, 7, a);
        REQUIRE(cache.save());
    }
    AnalysisCache cache(dir.path);
    cache.load();
    auto got = cache.get(kOid, 7);
    REQUIRE(got.has_value());
    CHECK(same(a, *got));
    CHECK_FALSE(cache.get(kOid, 8).has_value());        // another grammar fingerprint: a miss
    CHECK_FALSE(cache.get(kOtherOid, 7).has_value());   // another blob: a miss
}

TEST_CASE("a damaged cache shard is ignored, not trusted", "[context]")
{
    TempDir dir;
    {
        AnalysisCache cache(dir.path);
        cache.put(kOid, 7, sample_analysis());
        REQUIRE(cache.save());
    }
    for (const auto& entry : std::filesystem::directory_iterator(dir.path / "context")) {
        std::string bytes;
        {
            std::ifstream in(entry.path(), std::ios::binary);
            bytes.assign(std::istreambuf_iterator<char>(in), {});
        }
        // Flip bytes in the payload and cut the file short.
        for (std::size_t i = bytes.size() / 2; i < bytes.size(); i += 3) bytes[i] = static_cast<char>(0xff);
        std::ofstream out(entry.path(), std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size() - 5));
    }
    AnalysisCache cache(dir.path);
    cache.load();
    CHECK_FALSE(cache.get(kOid, 7).has_value());
}

TEST_CASE("concurrent writers leave a readable cache", "[context]")
{
    TempDir dir;
    const FileAnalysis a = sample_analysis();
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
        writers.emplace_back([&, w] {
            for (int round = 0; round < 5; ++round) {
                AnalysisCache cache(dir.path);
                cache.load();
                std::string oid = kOid;
                oid[0] = static_cast<char>('0' + w);   // the same shard for every writer
                oid[39] = static_cast<char>('0' + round);
                cache.put(oid, 1, a);
                cache.save();
            }
        });
    }
    for (auto& t : writers) t.join();
    AnalysisCache cache(dir.path);
    cache.load();
    std::string last = kOid;
    last[39] = '4';
    std::size_t found = 0;
    for (int w = 0; w < 4; ++w) {
        last[0] = static_cast<char>('0' + w);
        if (auto got = cache.get(last, 1)) {
            CHECK(same(a, *got));
            ++found;
        }
    }
    CHECK(found >= 1);   // the last writer's entries at least; none torn
    for (const auto& entry : std::filesystem::directory_iterator(dir.path / "context")) {
        CHECK(entry.path().filename().string().find(".tmp.") == std::string::npos);
    }
}

TEST_CASE("the cache stays under its size cap, dropping what was used least recently", "[context]")
{
    TempDir dir;
    const FileAnalysis a = sample_analysis();
    const std::size_t entry_bytes = encode_analysis(a).size() + 36;
    const std::uint64_t cap = 16 * (entry_bytes * 10 + 64);   // about ten entries per shard
    AnalysisCache cache(dir.path, cap);
    for (int i = 0; i < 400; ++i) {
        std::string oid = kOid;
        oid[0] = '0';   // one shard
        const std::string n = std::to_string(1000 + i);
        oid.replace(36, 4, n);
        cache.put(oid, 1, a);
    }
    REQUIRE(cache.save());
    std::uint64_t total = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path / "context")) total += entry.file_size();
    CHECK(total <= cap);
    CHECK(total > 0);
}

TEST_CASE("a second run reads no file for analysis: it is served from the cache by blob id", "[context]")
{
    TempDir dir;
    std::map<std::string, std::string> files;
    for (int i = 0; i < 30; ++i) {
        files["src/mod" + std::to_string(i) + ".py"] = "def handler_" + std::to_string(i) + "(request):\n    return request.value\n";
    }
    MemoryTree first(files, {}, dir.path);
    auto cold = build_context(first, ContextRequest{"handler 7 request value", 50, {}});
    REQUIRE(cold.ok());
    CHECK(first.reads_ >= files.size());

    MemoryTree second(files, {}, dir.path);
    auto warm = build_context(second, ContextRequest{"handler 7 request value", 50, {}});
    REQUIRE(warm.ok());
    CHECK(second.reads_ == 0);   // 50 tokens: nothing shown verbatim, so nothing read at all
    CHECK(to_json(*warm) == to_json(*cold));

    files["src/mod3.py"] += "\ndef extra():\n    pass\n";
    MemoryTree changed(files, {}, dir.path);
    auto after_change = build_context(changed, ContextRequest{"handler 7 request value", 50, {}});
    REQUIRE(after_change.ok());
    CHECK(changed.reads_ == 1);   // only the changed blob
}
