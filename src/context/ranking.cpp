#include "context/ranking.hpp"

#include "context/history_signal.hpp"
#include "context/symbol_graph.hpp"
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
constexpr std::size_t kSeedFiles = 20;     // lexical hits that seed the graph walk
constexpr double kGraphWeight = 0.5;
constexpr double kMentionWeight = 0.6;
constexpr double kCochangeWeight = 0.15;
constexpr double kChurnWeight = 0.05;


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

std::string lower(std::string_view text)
{
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// Per file: how surely the task names it, by its file name or by a symbol it defines.
std::vector<double> mentioned_files(const std::vector<TrackedFile>& files, const std::vector<FileAnalysis>& analyses,
                                    std::string_view task, const SymbolGraph& graph)
{
    std::vector<double> mention(files.size(), 0.0);
    const std::string lower_task = lower(task);
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string_view path = files[i].path;
        const auto slash = path.rfind('/');
        const std::string base = lower(slash == std::string_view::npos ? path : path.substr(slash + 1));
        if (base.size() >= 4 && base.find('.') != std::string::npos && base.find('.') > 0 &&
            lower_task.find(base) != std::string::npos)
            mention[i] = std::max(mention[i], 1.0);
    }
    // Identifier-like words of the task: runs of letters, digits, '_' and '-'.
    std::size_t k = 0;
    while (k < task.size()) {
        auto word_char = [&](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; };
        if (!word_char(task[k])) {
            ++k;
            continue;
        }
        std::size_t end = k;
        while (end < task.size() && word_char(task[end])) ++end;
        std::string_view word = task.substr(k, end - k);
        k = end;
        while (!word.empty() && word.front() == '-') word.remove_prefix(1);
        if (word.size() < 4) continue;
        const bool identifier_like = std::any_of(word.begin(), word.end(), [](char c) { return c == '_' || c == '-' || std::isdigit(static_cast<unsigned char>(c)); }) ||
                                     std::any_of(word.begin() + 1, word.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
        auto it = graph.definers.find(name_key(word));
        if (it == graph.definers.end()) continue;
        const std::size_t count = it->second.size();
        if (count > (identifier_like ? 6u : 2u)) continue;
        const double certainty = (identifier_like ? 1.0 : 0.5) / static_cast<double>(count);
        for (std::size_t f : it->second) {
            if (analyses[f].kind == FileKind::code || analyses[f].kind == FileKind::test) mention[f] = std::max(mention[f], certainty);
        }
    }
    return mention;
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
    std::vector<std::uint32_t> hashes;
    for (const auto& q : query) hashes.push_back(hash32(q.term));
    double total_length = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const FileAnalysis& a = analyses[i];
        std::unordered_map<std::string, int> path_counts;
        for (auto& t : path_terms(files[i].path)) ++path_counts[t];
        std::unordered_map<std::string, int> def_counts;
        for (const Definition& d : a.definitions) {
            for_each_term(d.name, [&](const std::string& t, bool) { ++def_counts[t]; });
        }
        length[i] = static_cast<double>(a.term_total) + 10;
        total_length += length[i];
        for (std::size_t q = 0; q < query.size(); ++q) {
            const std::string& term = query[q].term;
            double f = term_count(a, hashes[q]);
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

    // Lexical relevance, scaled by what role the file plays.
    std::vector<double> lexical(n, 0.0);
    std::vector<std::vector<std::pair<double, std::string>>> contributions(n);
    for (std::size_t i = 0; i < n; ++i) {
        const FileAnalysis& a = analyses[i];
        if (a.binary) continue;
        double bm25 = 0;
        for (std::size_t q = 0; q < query.size(); ++q) {
            const double f = tf[i][q];
            if (f <= 0) continue;
            const double part = query[q].weight * query[q].idf * f * (kK1 + 1) /
                                (f + kK1 * (1 - kB + kB * length[i] / avg_length));
            bm25 += part;
            contributions[i].emplace_back(part, query[q].term);
        }
        lexical[i] = bm25 * kind_weight(a.kind);
    }
    const double top_lexical = n ? *std::max_element(lexical.begin(), lexical.end()) : 0;
    if (top_lexical > 0) {
        for (double& v : lexical) v /= top_lexical;
    }

    // Files the task names outright ("main.c", "src/lib/parse.ts"), and files defining a
    // symbol the task names ("toJson", "--debug-trace"), are nearly certain seeds.
    const SymbolGraph graph = build_symbol_graph(files, analyses);
    const auto mentions = mentioned_files(files, analyses, in.task, graph);

    std::vector<double> seeds(n, 0.0);
    {
        std::vector<std::size_t> order(n);
        for (std::size_t i = 0; i < n; ++i) order[i] = i;
        const std::size_t top = std::min<std::size_t>(n, kSeedFiles);
        std::partial_sort(order.begin(), order.begin() + static_cast<long>(top), order.end(),
                          [&](std::size_t a, std::size_t b) { return lexical[a] > lexical[b]; });
        for (std::size_t k = 0; k < top; ++k) seeds[order[k]] = lexical[order[k]] * lexical[order[k]];
        for (std::size_t i = 0; i < n; ++i) seeds[i] += mentions[i];
    }
    std::vector<double> spread = personalized_pagerank(graph, seeds);
    const double top_spread = spread.empty() ? 0 : *std::max_element(spread.begin(), spread.end());
    if (top_spread > 0) {
        for (double& v : spread) v /= top_spread;
    }
    const HistorySignal history = history_signal(files, in.history, seeds);

    ranking.files.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const FileAnalysis& a = analyses[i];
        const double role = kind_weight(a.kind);
        double score = lexical[i] + role * (kGraphWeight * spread[i] + kMentionWeight * mentions[i] +
                                            kCochangeWeight * history.cochange[i] + kChurnWeight * history.churn[i]);
        if (a.binary) score = 0;
        std::string why;
        if (mentions[i] > 0) why += "named in the task; ";
        std::sort(contributions[i].rbegin(), contributions[i].rend());
        if (!contributions[i].empty()) {
            why += "terms:";
            for (std::size_t k = 0; k < contributions[i].size() && k < 4; ++k) why += " " + contributions[i][k].second;
            why += "; ";
        }
        if (spread[i] > 0.05) why += "graph " + std::to_string(static_cast<int>(spread[i] * 100)) + "%; ";
        if (history.cochange[i] > 0.1) why += "changed with the seeds; ";
        if (a.kind != FileKind::code) why += std::string(to_string(a.kind)) + "; ";
        if (why.ends_with("; ")) why.resize(why.size() - 2);
        ranking.files.push_back(RankedFile{i, score, why});
    }
    std::stable_sort(ranking.files.begin(), ranking.files.end(),
                     [](const RankedFile& x, const RankedFile& y) { return x.score > y.score; });
    return ranking;
}

} // namespace oneshot::context
