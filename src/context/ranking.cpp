#include "context/ranking.hpp"

#include "context/history_signal.hpp"
#include "context/symbol_graph.hpp"
#include "context/words.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace oneshot::context {

namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr double kPathWeight = 3.0;        // a term in the path counts like this many occurrences
constexpr double kDefinitionWeight = 2.0;  // a term in a definition's name, per definition
constexpr std::size_t kSeedFiles = 20;     // lexical hits that seed the graph walk
constexpr std::size_t kExplained = 400;    // files that get a `why`
constexpr double kGraphWeight = 0.1;   // a tie-breaker: on the dev set a larger weight lifted hubs over the files edited
constexpr double kRestart = 0.25;          // personalised PageRank: chance of jumping back to a seed
constexpr double kMentionWeight = 0.6;
constexpr double kCochangeWeight = 0.15;
constexpr double kChurnWeight = 0.05;
constexpr std::size_t kPlainMentions = 3;
constexpr std::size_t kIndexSiblingRanks = 30;   // ranks in which siblings of an index file are counted
constexpr std::size_t kIndexSiblings = 3;        // siblings there that lift the index  // plain-word symbol hints a task gets at full weight


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
// identified: the same from file names and identifier-like words only, without plain words.
std::vector<double> mentioned_files(const std::vector<TrackedFile>& files, const std::vector<FileAnalysis>& analyses,
                                    std::string_view task, const SymbolGraph& graph, std::vector<double>& identified)
{
    std::vector<double> mention(files.size(), 0.0);
    identified.assign(files.size(), 0.0);
    const std::string lower_task = lower(task);
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string_view path = files[i].path;
        const auto slash = path.rfind('/');
        const std::string base = lower(slash == std::string_view::npos ? path : path.substr(slash + 1));
        if (base.size() >= 4 && base.find('.') != std::string::npos && base.find('.') > 0 &&
            lower_task.find(base) != std::string::npos)
            mention[i] = identified[i] = 1.0;
    }
    struct Hint {
        const std::vector<std::size_t>& definers;
        double certainty;
    };
    std::vector<Hint> identifiers, plain_words;
    std::set<std::uint32_t> seen;
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
        const std::uint32_t key = name_key(word);
        auto it = graph.definers.find(key);
        if (it == graph.definers.end() || !seen.insert(key).second) continue;
        const std::size_t count = it->second.size();
        if (count > (identifier_like ? 6u : 2u)) continue;
        const double certainty = (identifier_like ? 1.0 : 0.5) / static_cast<double>(count);
        (identifier_like ? identifiers : plain_words).push_back({it->second, certainty});
    }
    // A plain word ("main", "never") that some symbol is named after is a weak hint, and a long
    // task has many of them by chance: they share one hint's worth of certainty between them.
    const double plain_share = plain_words.size() > kPlainMentions ? static_cast<double>(kPlainMentions) / static_cast<double>(plain_words.size()) : 1.0;
    for (auto& m : plain_words) m.certainty *= plain_share;
    for (const auto* group : {&identifiers, &plain_words}) {
        for (const auto& [definers, certainty] : *group) {
            for (std::size_t f : definers) {
                // Bundled code too: a task that names its symbols may well change it.
                const FileKind kind = analyses[f].kind;
                if (kind != FileKind::code && kind != FileKind::test && kind != FileKind::vendored) continue;
                mention[f] = std::max(mention[f], certainty);
                if (group == &identifiers) identified[f] = std::max(identified[f], certainty);
            }
        }
    }
    return mention;
}

// A directory's index file (index.ts, mod.rs, __init__.py) registers its siblings: when several
// of them rank high, a change among them (a new locale, a new command) usually edits the index
// too, though it shares few of the task's words. It is placed just below the third of them.
std::vector<std::size_t> lift_directory_indexes(const std::vector<TrackedFile>& files, std::vector<RankedFile>& ranked)
{
    auto directory = [&](std::size_t i) {
        const std::string_view path = files[i].path;
        const auto slash = path.rfind('/');
        return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
    };
    auto is_index = [&](std::size_t i) {
        const std::string_view path = files[i].path;
        const auto slash = path.rfind('/');
        const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
        for (std::string_view index : {"index.ts", "index.js", "index.mjs", "index.cjs", "index.tsx", "index.jsx", "mod.rs", "__init__.py"})
            if (name == index) return true;
        return false;
    };
    std::map<std::string_view, std::vector<double>> leading;   // directory -> scores of its ranked files
    for (std::size_t k = 0; k < ranked.size() && k < kIndexSiblingRanks; ++k) {
        if (ranked[k].score > 0 && !is_index(ranked[k].index)) leading[directory(ranked[k].index)].push_back(ranked[k].score);
    }
    std::vector<std::size_t> lifted;
    for (RankedFile& r : ranked) {
        if (!is_index(r.index)) continue;
        auto it = leading.find(directory(r.index));
        if (it == leading.end() || it->second.size() < kIndexSiblings) continue;
        const double placed = 0.99 * it->second[kIndexSiblings - 1];
        if (placed > r.score) {
            r.score = placed;
            lifted.push_back(r.index);
        }
    }
    if (!lifted.empty()) {
        std::stable_sort(ranked.begin(), ranked.end(), [](const RankedFile& x, const RankedFile& y) { return x.score > y.score; });
    }
    return lifted;
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

    // Per file, per query term: its field-weighted frequency (flat: n x q). Terms are compared as
    // hashes, without building strings: this loop runs over every file of a kernel-size tree.
    const std::size_t nq = query.size();
    std::vector<double> tf(n * nq, 0.0);
    std::vector<double> length(n, 0.0);
    std::vector<int> df(nq, 0);
    std::vector<std::uint32_t> hashes;
    for (const auto& q : query) hashes.push_back(hash32(q.term));
    std::vector<int> path_counts(nq);
    std::vector<int> def_counts(nq);
    auto count_into = [&](std::string_view text, std::vector<int>& counts) {
        for_each_term_hash(text, [&](std::uint32_t h) {
            for (std::size_t q = 0; q < nq; ++q) {
                if (hashes[q] == h) ++counts[q];
            }
        });
    };
    double total_length = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const FileAnalysis& a = analyses[i];
        std::fill(path_counts.begin(), path_counts.end(), 0);
        std::fill(def_counts.begin(), def_counts.end(), 0);
        count_into(files[i].path, path_counts);
        if (!in.lexical_only) {
            for (const Definition& d : a.definitions) count_into(d.name, def_counts);
        }
        length[i] = static_cast<double>(a.term_total) + 10;
        total_length += length[i];
        for (std::size_t q = 0; q < nq; ++q) {
            double f = term_count(a, hashes[q]);
            f += kPathWeight * path_counts[q];
            f += kDefinitionWeight * std::min(def_counts[q], 5);
            tf[i * nq + q] = f;
            if (f > 0) ++df[q];
        }
    }
    const double avg_length = n ? total_length / static_cast<double>(n) : 1;
    for (std::size_t q = 0; q < query.size(); ++q) {
        query[q].idf = std::log(1.0 + (static_cast<double>(n) - df[q] + 0.5) / (df[q] + 0.5));
    }

    // Lexical relevance, scaled by what role the file plays.
    std::vector<double> lexical(n, 0.0);
    auto term_part = [&](std::size_t i, std::size_t q) {
        const double f = tf[i * nq + q];
        if (f <= 0) return 0.0;
        return query[q].weight * query[q].idf * f * (kK1 + 1) / (f + kK1 * (1 - kB + kB * length[i] / avg_length));
    };
    for (std::size_t i = 0; i < n; ++i) {
        const FileAnalysis& a = analyses[i];
        if (a.binary) continue;
        double bm25 = 0;
        for (std::size_t q = 0; q < nq; ++q) bm25 += term_part(i, q);
        lexical[i] = bm25 * kind_weight(a.kind);
    }
    const double top_lexical = n ? *std::max_element(lexical.begin(), lexical.end()) : 0;
    if (top_lexical > 0) {
        for (double& v : lexical) v /= top_lexical;
    }

    // Files the task names outright ("main.c", "src/lib/parse.ts"), and files defining a
    // symbol the task names ("toJson", "--debug-trace"), are nearly certain seeds.
    if (in.lexical_only) {
        ranking.files.reserve(n);
        for (std::size_t i = 0; i < n; ++i) ranking.files.push_back(RankedFile{i, lexical[i], {}});
        std::stable_sort(ranking.files.begin(), ranking.files.end(),
                         [](const RankedFile& x, const RankedFile& y) { return x.score > y.score; });
        return ranking;
    }
    const SymbolGraph graph = build_symbol_graph(files, analyses);
    const auto mentions = mentioned_files(files, analyses, in.task, graph, ranking.named);

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
    std::vector<double> spread = personalized_pagerank(graph, seeds, kRestart);
    {
        // Only what arrived over edges: a seed's own restart mass repeats its lexical score.
        double seed_sum = 0;
        for (double s : seeds) seed_sum += s;
        for (std::size_t i = 0; i < n && seed_sum > 0; ++i) spread[i] = std::max(0.0, spread[i] - kRestart * seeds[i] / seed_sum);
    }
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
        ranking.files.push_back(RankedFile{i, score, {}});
    }
    std::stable_sort(ranking.files.begin(), ranking.files.end(),
                     [](const RankedFile& x, const RankedFile& y) { return x.score > y.score; });
    const std::vector<std::size_t> lifted = lift_directory_indexes(files, ranking.files);
    // Explanations only for the files that can be shown beyond their path.
    for (std::size_t k = 0; k < ranking.files.size() && k < kExplained; ++k) {
        const std::size_t i = ranking.files[k].index;
        const FileAnalysis& a = analyses[i];
        std::vector<std::pair<double, std::string>> contributions;
        for (std::size_t q = 0; q < nq; ++q) {
            if (const double part = term_part(i, q); part > 0) contributions.emplace_back(part, query[q].term);
        }
        std::string why;
        if (mentions[i] > 0) why += "named in the task; ";
        if (std::find(lifted.begin(), lifted.end(), i) != lifted.end()) why += "index of ranked files; ";
        std::sort(contributions.rbegin(), contributions.rend());
        if (!contributions.empty()) {
            why += "terms:";
            for (std::size_t c = 0; c < contributions.size() && c < 4; ++c) why += " " + contributions[c].second;
            why += "; ";
        }
        if (spread[i] > 0.05) why += "graph " + std::to_string(static_cast<int>(spread[i] * 100)) + "%; ";
        if (history.cochange[i] > 0.1) why += "changed with the seeds; ";
        if (a.kind != FileKind::code) why += std::string(to_string(a.kind)) + "; ";
        if (why.ends_with("; ")) why.resize(why.size() - 2);
        ranking.files[k].why = std::move(why);
    }
    return ranking;
}

} // namespace oneshot::context
