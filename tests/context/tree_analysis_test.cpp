#include "context/tree_analysis.hpp"

#include <catch2/catch.hpp>

using namespace oneshot::context;

namespace {

struct Candidates {
    std::vector<TrackedFile> files;
    std::vector<FileAnalysis> analyses;
    std::vector<RankedFile> lexical;   // in the order given: best first

    void add(const std::string& path, std::uint64_t size, double score, FileKind kind = FileKind::code, bool parsed = false)
    {
        lexical.push_back(RankedFile{files.size(), score, {}});
        files.push_back(TrackedFile{path, std::to_string(files.size()), size, false});
        FileAnalysis a;
        a.kind = kind;
        a.parsed = parsed;
        analyses.push_back(a);
    }
    std::vector<std::size_t> choose(std::uint64_t bytes, std::size_t max_files = 100) const
    {
        return choose_deep_parse(files, analyses, lexical, bytes, max_files);
    }
};

} // namespace

TEST_CASE("the second pass parses the best code files within its byte and file budgets", "[context]")
{
    Candidates c;
    c.add("a.c", 400, 0.9);
    c.add("README.md", 10, 0.8, FileKind::docs);     // not code: never parsed
    c.add("big.c", 700, 0.7);                        // does not fit what is left: passed over
    c.add("b.c", 300, 0.6);
    c.add("gram.y", 5000, 0.5);                      // code-like without a grammar: costs nothing, not parsed
    c.add("c.py", 200, 0.4, FileKind::code, true);   // already parsed: counts, not returned
    c.add("d.c", 100, 0.3);                          // fits only the last 100 bytes
    c.add("e.c", 1, 0.0);                            // no lexical hit: never chosen
    CHECK(c.choose(999) == std::vector<std::size_t>{0, 3});
    CHECK(c.choose(1000) == std::vector<std::size_t>{0, 3, 6});
    CHECK(c.choose(100000) == std::vector<std::size_t>{0, 2, 3, 6});
    CHECK(c.choose(100000, 2) == std::vector<std::size_t>{0, 2});
    CHECK(c.choose(0).empty());
}
