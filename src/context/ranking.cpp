#include "context/ranking.hpp"

#include "context/words.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace oneshot::context {

namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr double kPathWeight = 3.0;        // a term in the path counts like this many occurrences
constexpr double kDefinitionWeight = 2.0;  // a term in a definition's name, per definition

int term_count(const std::vector<std::pair<std::string, int>>& terms, const std::string& term)
{
    auto it = std::lower_bound(terms.begin(), terms.end(), term,
                               [](const auto& entry, const std::string& t) { return entry.first < t; });
    return it != terms.end() && it->first == term ? it->second : 0;
}

std::vector<QueryTerm> query_terms(std::string_view task)
{
    std::map<std::string, int> counts;
    std::vector<std::string> order;
    for (auto& term : task_terms(task)) {
        if (counts[term]++ == 0) order.push_back(term);
    }
    std::vector<QueryTerm> query;
    for (auto& term : order) {
        const int n = counts[term];
        query.push_back(QueryTerm{term, std::min(2.0, 1.0 + 0.5 * (n - 1)), 0});
    }
    return query;
}

std::string basename_of(std::string_view path)
{
    const auto slash = path.rfind('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

} // namespace

std::vector<std::string> path_terms(std::string_view path)
{
    std::vector<std::string> out;
    for_each_term(path, [&](const std::string& term, bool) {
        if (term.size() >= 2) out.push_back(term);
    });
    return out;
}

Ranking rank_files(const RankingInputs& in)
{
    const auto& files = *in.files;
    const auto& analyses = *in.analyses;
    const std::size_t n = files.size();
    Ranking ranking;
    ranking.query = query_terms(in.task);
    auto& query = ranking.query;

    // Per file, per query term: its field-weighted frequency.
    std::vector<std::vector<double>> tf(n, std::vector<double>(query.size(), 0.0));
    std::vector<double> length(n, 0.0);
    std::vector<int> df(query.size(), 0);
    double total_length = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const FileAnalysis& a = analyses[i];
        std::unordered_map<std::string, int> path_counts;
        for (auto& t : path_terms(files[i].path)) ++path_counts[t];
        std::unordered_map<std::string, int> def_counts;
        for (const Definition& d : a.definitions) {
            for_each_term(d.name, [&](const std::string& t, bool) { ++def_counts[t]; });
        }
        double len = 0;
        for (const auto& [term, count] : a.terms) len += count;
        length[i] = len + 10;
        total_length += length[i];
        for (std::size_t q = 0; q < query.size(); ++q) {
            const std::string& term = query[q].term;
            double f = term_count(a.terms, term);
            if (auto it = path_counts.find(term); it != path_counts.end()) f += kPathWeight * it->second;
            if (auto it = def_counts.find(term); it != def_counts.end()) f += kDefinitionWeight * std::min(it->second, 5);
            tf[i][q] = f;
            if (f > 0) ++df[q];
        }
    }
    const double avg_length = n ? total_length / static_cast<double>(n) : 1;
    for (std::size_t q = 0; q < query.size(); ++q) {
        query[q].idf = std::log(1.0 + (static_cast<double>(n) - df[q] + 0.5) / (df[q] + 0.5));
    }

    // Files the task names outright ("main.c", "src/lib/parse.ts") are nearly certain.
    std::string lower_task(in.task);
    for (char& c : lower_task) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));

    ranking.files.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const FileAnalysis& a = analyses[i];
        double bm25 = 0;
        std::vector<std::pair<double, std::string>> contributions;
        for (std::size_t q = 0; q < query.size(); ++q) {
            const double f = tf[i][q];
            if (f <= 0) continue;
            const double part = query[q].weight * query[q].idf * f * (kK1 + 1) /
                                (f + kK1 * (1 - kB + kB * length[i] / avg_length));
            bm25 += part;
            contributions.emplace_back(part, query[q].term);
        }
        double score = bm25 * kind_weight(a.kind);
        std::string why;
        const std::string base = basename_of(files[i].path);
        std::string lower_base = base;
        for (char& c : lower_base) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower_base.size() >= 4 && lower_base.find('.') != std::string::npos &&
            lower_task.find(lower_base) != std::string::npos) {
            score = score * 1.5 + 5;
            why = "named in the task; ";
        }
        if (a.binary) score = 0;
        std::sort(contributions.rbegin(), contributions.rend());
        if (!contributions.empty()) {
            why += "terms:";
            for (std::size_t k = 0; k < contributions.size() && k < 4; ++k) why += " " + contributions[k].second;
        }
        if (a.kind != FileKind::code) why += "; " + std::string(to_string(a.kind));
        ranking.files.push_back(RankedFile{i, score, why});
    }
    std::stable_sort(ranking.files.begin(), ranking.files.end(),
                     [](const RankedFile& x, const RankedFile& y) { return x.score > y.score; });
    return ranking;
}

} // namespace oneshot::context
