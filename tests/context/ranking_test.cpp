#include "context/file_analysis.hpp"
#include "context/ranking.hpp"
#include "context/symbol_graph.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>

using namespace oneshot::context;

namespace {

struct Corpus {
    std::vector<TrackedFile> files;
    std::vector<FileAnalysis> analyses;

    explicit Corpus(const std::map<std::string, std::string>& contents)
    {
        for (const auto& [path, text] : contents) {
            files.push_back(TrackedFile{path, path, text.size(), false});
            analyses.push_back(analyze_file(path, text));
        }
    }

    Ranking rank(const std::string& task, std::vector<HistoryCommit> history = {}) const
    {
        RankingInputs in;
        in.files = &files;
        in.analyses = &analyses;
        in.task = task;
        in.history = std::move(history);
        return rank_files(in);
    }

    std::size_t position(const Ranking& r, const std::string& path) const
    {
        for (std::size_t k = 0; k < r.files.size(); ++k) {
            if (files[r.files[k].index].path == path) return k;
        }
        return SIZE_MAX;
    }
};

std::string filler(const std::string& name)
{
    return "def " + name + "_a(x):\n    return x + 1\n\ndef " + name + "_b(y):\n    return y * 2\n";
}

} // namespace

TEST_CASE("code outranks a changelog and a README that repeat the task's words", "[context]")
{
    std::map<std::string, std::string> c;
    c["CHANGELOG.md"] = "- retry the upload when the connection drops\n- retry upload connection\n";
    c["README.md"] = "Upload files. Retry on connection drops. Upload retry.\n";
    c["src/upload.py"] = "def upload(path, connection):\n    return connection.send(path)\n";
    c["src/other.py"] = filler("other");
    Corpus corpus(c);
    const auto r = corpus.rank("Retry the upload when the connection drops");
    CHECK(corpus.position(r, "src/upload.py") == 0);
    CHECK(corpus.position(r, "CHANGELOG.md") > corpus.position(r, "src/upload.py"));
    CHECK(corpus.position(r, "README.md") > corpus.position(r, "src/upload.py"));
}

TEST_CASE("the symbol graph lifts the file defining what the matching file calls", "[context]")
{
    std::map<std::string, std::string> c;
    c["src/report.py"] = "from src.helpers import frobnicate_totals\n\ndef monthly_report(rows):\n    return frobnicate_totals(rows)\n";
    c["src/helpers.py"] = "def frobnicate_totals(rows):\n    return sum(r.amount for r in rows)\n";
    c["src/unrelated.py"] = "def frobble(rows):\n    return len(rows)\n";
    Corpus corpus(c);
    const auto r = corpus.rank("monthly report is wrong");
    CHECK(corpus.position(r, "src/report.py") == 0);
    CHECK(corpus.position(r, "src/helpers.py") < corpus.position(r, "src/unrelated.py"));
}

TEST_CASE("a symbol the task names makes its defining file a seed", "[context]")
{
    std::map<std::string, std::string> c;
    c["src/config.py"] = "def parseConfigFile(path):\n    return open(path).read()\n";
    for (int i = 0; i < 5; ++i) {
        c["src/mod" + std::to_string(i) + ".py"] = "def load(path):\n    # parse the config file at path, config file config\n    return path\n";
    }
    Corpus corpus(c);
    const auto r = corpus.rank("parseConfigFile should accept a missing file");
    CHECK(corpus.position(r, "src/config.py") == 0);
}

TEST_CASE("files that changed together with the seeds rank above equal strangers", "[context]")
{
    std::map<std::string, std::string> c;
    c["src/cache.py"] = "def evict_entries(cache):\n    return cache.clear()\n";
    c["src/store.py"] = filler("store");
    c["src/misc.py"] = filler("misc");
    Corpus corpus(c);
    std::vector<HistoryCommit> history;
    for (int i = 0; i < 5; ++i) history.push_back(HistoryCommit{"c" + std::to_string(i), 1000 - i, {"src/cache.py", "src/store.py"}});
    history.push_back(HistoryCommit{"x", 1, {"src/misc.py"}});
    const auto r = corpus.rank("evict entries from the cache", history);
    CHECK(corpus.position(r, "src/cache.py") == 0);
    CHECK(corpus.position(r, "src/store.py") < corpus.position(r, "src/misc.py"));
}

TEST_CASE("tests are linked to the code they exercise by name", "[context]")
{
    std::vector<TrackedFile> files{{"src/parser.py", "1", 1, false}, {"tests/test_parser.py", "2", 1, false},
                                   {"pkg/lexer_test.go", "3", 1, false}, {"pkg/lexer.go", "4", 1, false},
                                   {"src/main/java/Foo.java", "5", 1, false}, {"src/test/java/FooTest.java", "6", 1, false}};
    std::unordered_map<std::string, std::vector<std::size_t>> by_stem{{"parser", {0}}, {"lexer", {3}}, {"foo", {4}}};
    CHECK(tested_file(files, 1, by_stem) == 0);
    CHECK(tested_file(files, 2, by_stem) == 3);
    CHECK(tested_file(files, 5, by_stem) == 4);
}

TEST_CASE("rare names weigh more than common ones in the graph", "[context]")
{
    std::map<std::string, std::string> c;
    // Every file defines and calls `init`; only one calls the rare `reticulate_splines`.
    for (int i = 0; i < 8; ++i) {
        c["src/m" + std::to_string(i) + ".py"] = "def init_" + std::to_string(i) + "():\n    pass\n\ndef run():\n    init()\n";
    }
    c["src/core.py"] = "def init():\n    pass\n\ndef reticulate_splines():\n    pass\n";
    c["src/m0.py"] += "\ndef go():\n    reticulate_splines()\n";
    Corpus corpus(c);
    const auto graph = build_symbol_graph(corpus.files, corpus.analyses);
    std::size_t core = 0, m0 = 0, m1 = 0;
    for (std::size_t i = 0; i < corpus.files.size(); ++i) {
        if (corpus.files[i].path == "src/core.py") core = i;
        if (corpus.files[i].path == "src/m0.py") m0 = i;
        if (corpus.files[i].path == "src/m1.py") m1 = i;
    }
    auto weight = [&](std::size_t from, std::size_t to) {
        for (const auto& [j, w] : graph.edges[from]) {
            if (j == to) return w;
        }
        return 0.0;
    };
    CHECK(weight(core, m0) > weight(core, m1));
}

TEST_CASE("a type declaration file ranks below the code it declares", "[context]")
{
    std::map<std::string, std::string> c;
    c["index.d.ts"] = "export interface RequestConfig { timeout?: number; retryDelay?: number; }\n"
                      "export function request(config: RequestConfig): Promise<Response>;\n";
    c["lib/request.js"] = "export function request(config) {\n  const timeout = config.timeout;\n  return send(config, timeout);\n}\n";
    c["lib/other.js"] = "export function unrelated(a) {\n  return a + 1;\n}\n";
    Corpus corpus(c);
    const auto r = corpus.rank("request ignores config timeout and retry delay");
    CHECK(corpus.position(r, "lib/request.js") < corpus.position(r, "index.d.ts"));
    CHECK(corpus.position(r, "index.d.ts") < corpus.position(r, "lib/other.js"));
}
