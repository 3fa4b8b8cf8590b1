#include "context/symbol_graph.hpp"

#include "context/words.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <unordered_set>

namespace oneshot::context {

namespace {

constexpr std::size_t kMaxDefiners = 12;   // a name defined in more files than this links nothing

std::string stem_of(std::string_view path)
{
    const auto slash = path.rfind('/');
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    const auto dot = name.find('.');
    if (dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
    return fold_name(name);
}

std::string test_subject(std::string_view path)
{
    const auto slash = path.rfind('/');
    std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    const auto dot = name.find('.');
    std::string_view base = dot == std::string_view::npos ? name : name.substr(0, dot);
    std::string b(base);
    auto strip_suffix = [&](std::string_view s) {
        if (b.size() > s.size() && b.ends_with(s)) {
            b.resize(b.size() - s.size());
            return true;
        }
        return false;
    };
    if (b.starts_with("test_")) b = b.substr(5);
    else if (!strip_suffix("_test") && !strip_suffix("Tests") && !strip_suffix("Test") && !strip_suffix("_spec") && !strip_suffix("IT")) {
        // foo.test.ts / foo.spec.js keep their stem before the first dot
    }
    return fold_name(b);
}

} // namespace

std::size_t tested_file(const std::vector<TrackedFile>& files, std::size_t test_index,
                        const std::unordered_map<std::string, std::vector<std::size_t>>& by_stem)
{
    const std::string subject = test_subject(files[test_index].path);
    if (subject.size() < 2) return SIZE_MAX;
    auto it = by_stem.find(subject);
    if (it == by_stem.end()) return SIZE_MAX;
    for (std::size_t candidate : it->second) {
        if (candidate != test_index) return candidate;
    }
    return SIZE_MAX;
}

SymbolGraph build_symbol_graph(const std::vector<TrackedFile>& files, const std::vector<FileAnalysis>& analyses)
{
    const std::size_t n = files.size();
    SymbolGraph graph;
    graph.edges.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        std::unordered_set<std::uint32_t> seen;
        for (const Definition& d : analyses[i].definitions) {
            if (d.name.size() < 3) continue;
            const std::uint32_t key = name_key(d.name);
            if (!seen.insert(key).second) continue;
            graph.definers[key].push_back(i);
        }
    }
    // Reference counts per (file, name), then one weighted edge per referenced definer.
    std::unordered_map<std::uint32_t, std::size_t> referencing_files;
    std::vector<std::unordered_map<std::uint32_t, int>> refs(n);
    for (std::size_t i = 0; i < n; ++i) {
        for (const SymbolRef& r : analyses[i].references) {
            const std::uint32_t key = r.name;
            auto it = graph.definers.find(key);
            if (it == graph.definers.end() || it->second.size() > kMaxDefiners) continue;
            if (refs[i][key]++ == 0) ++referencing_files[key];
        }
    }
    std::vector<std::map<std::size_t, double>> weights(n);
    const double total = static_cast<double>(std::max<std::size_t>(n, 2));
    for (std::size_t i = 0; i < n; ++i) {
        for (const auto& [name, count] : refs[i]) {
            const auto& definers = graph.definers[name];
            const double users = static_cast<double>(referencing_files[name]);
            const double specificity = std::log(total / (users + static_cast<double>(definers.size())));
            if (specificity <= 0) continue;
            const double w = specificity * std::sqrt(static_cast<double>(count)) / static_cast<double>(definers.size());
            for (std::size_t d : definers) {
                if (d == i) continue;
                weights[i][d] += w;
                weights[d][i] += w;
            }
        }
    }
    // Tests and the code they exercise, by naming convention.
    std::unordered_map<std::string, std::vector<std::size_t>> by_stem;
    for (std::size_t i = 0; i < n; ++i) {
        if (analyses[i].kind == FileKind::code) by_stem[stem_of(files[i].path)].push_back(i);
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (analyses[i].kind != FileKind::test) continue;
        const std::size_t subject = tested_file(files, i, by_stem);
        if (subject == SIZE_MAX) continue;
        weights[i][subject] += 3.0;
        weights[subject][i] += 3.0;
    }
    for (std::size_t i = 0; i < n; ++i) {
        double sum = 0;
        for (const auto& [j, w] : weights[i]) sum += w;
        if (sum <= 0) continue;
        for (const auto& [j, w] : weights[i]) graph.edges[i].emplace_back(j, w / sum);
    }
    return graph;
}

std::vector<double> personalized_pagerank(const SymbolGraph& graph, const std::vector<double>& seeds, double restart,
                                          int iterations)
{
    const std::size_t n = graph.edges.size();
    std::vector<double> personal(seeds);
    double sum = 0;
    for (double s : personal) sum += s;
    if (sum <= 0) return std::vector<double>(n, 0.0);
    for (double& s : personal) s /= sum;
    std::vector<double> rank(personal);
    std::vector<double> next(n);
    for (int it = 0; it < iterations; ++it) {
        double dangling = 0;
        for (std::size_t i = 0; i < n; ++i) {
            next[i] = restart * personal[i];
            if (graph.edges[i].empty()) dangling += rank[i];
        }
        for (std::size_t i = 0; i < n; ++i) {
            const double out = (1 - restart) * rank[i];
            for (const auto& [j, w] : graph.edges[i]) next[j] += out * w;
        }
        // Mass at files without edges returns to the seeds, not spread evenly over the tree.
        for (std::size_t i = 0; i < n; ++i) next[i] += (1 - restart) * dangling * personal[i];
        rank.swap(next);
    }
    return rank;
}

} // namespace oneshot::context
