// The cross-file symbol graph: a file that references a name is linked to the files that define
// it, weighted by how specific the name is (a name defined once and used in few files says much;
// `get`, `init`, `new` say little), and tests are linked to the code they exercise. A
// personalised PageRank over it spreads the task's lexical hits to the files they depend on and
// the files that depend on them.
#pragma once

#include "context/file_analysis.hpp"
#include "context/source_tree.hpp"

#include <string>
#include <unordered_map>
#include <vector>

namespace oneshot::context {

struct SymbolGraph {
    // Undirected adjacency: for each file, (neighbour, weight); weights of a row sum to 1.
    std::vector<std::vector<std::pair<std::size_t, double>>> edges;
    // name_key of a defined name -> files defining it.
    std::unordered_map<std::uint32_t, std::vector<std::size_t>> definers;
};

SymbolGraph build_symbol_graph(const std::vector<TrackedFile>& files, const std::vector<FileAnalysis>& analyses);

// Personalised PageRank: `seeds` (one weight per file, any scale) is where the walk restarts.
std::vector<double> personalized_pagerank(const SymbolGraph& graph, const std::vector<double>& seeds,
                                          double restart = 0.25, int iterations = 25);

// The code file a test file exercises by naming convention ("test_foo.py", "foo_test.go",
// "FooTest.java", "foo.test.ts", "tests/foo.rs" -> a file named foo.*), or npos.
std::size_t tested_file(const std::vector<TrackedFile>& files, std::size_t test_index,
                        const std::unordered_map<std::string, std::vector<std::size_t>>& by_stem);

} // namespace oneshot::context
