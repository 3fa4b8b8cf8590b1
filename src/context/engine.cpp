#include "context/engine.hpp"

#include "context/analysis_cache.hpp"
#include "context/file_analysis.hpp"
#include "context/history_cache.hpp"
#include "context/tree_analysis.hpp"
#include "context/packing.hpp"
#include "context/ranking.hpp"
#include "context/task_paths.hpp"
#include "context/words.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <future>
#include <unordered_map>

namespace oneshot::context {

namespace {

// ONESHOT_CONTEXT_TIMING=1 prints how long each phase took, on stderr (for benchmarks).
class PhaseTimer {
public:
    PhaseTimer() : enabled_(std::getenv("ONESHOT_CONTEXT_TIMING") != nullptr), last_(std::chrono::steady_clock::now()), cpu_(std::clock()) {}
    void mark(const char* phase)
    {
        const auto now = std::chrono::steady_clock::now();
        const std::clock_t cpu = std::clock();
        if (enabled_) {
            std::fprintf(stderr, "context: %-11s %8.3f s wall %8.3f s cpu\n", phase, std::chrono::duration<double>(now - last_).count(),
                         static_cast<double>(cpu - cpu_) / CLOCKS_PER_SEC);
        }
        last_ = now;
        cpu_ = cpu;
    }

    void note(const std::string& text) const
    {
        if (enabled_) std::fprintf(stderr, "context:   %s\n", text.c_str());
    }

private:
    bool enabled_;
    std::chrono::steady_clock::time_point last_;
    std::clock_t cpu_;
};

// Enough history for co-change and churn on active repositories, cheap enough to walk each run.
constexpr std::size_t kHistoryCommits = 200;

std::string normalize_path(std::string path)
{
    while (path.starts_with("./")) path.erase(0, 2);
    while (!path.empty() && path.back() == '/') path.pop_back();
    return path;
}

// The files the model chose come first, in its order, scored just above the ranking's best so
// that packing treats them as the likeliest edits; the rest keep their order.
std::vector<RankedFile> lead_with_focus(const Ranking& ranking, const std::vector<TrackedFile>& files,
                                        const std::vector<FocusFile>& focus)
{
    if (focus.empty()) return ranking.files;
    const double top = ranking.files.empty() ? 1.0 : std::max(ranking.files.front().score, 1e-6);
    std::vector<RankedFile> lead(focus.size());
    std::vector<bool> found(focus.size(), false);
    std::vector<RankedFile> rest;
    for (const RankedFile& r : ranking.files) {
        const auto it = std::find_if(focus.begin(), focus.end(), [&](const FocusFile& f) { return f.path == files[r.index].path; });
        if (it == focus.end()) {
            rest.push_back(r);
            continue;
        }
        const auto k = static_cast<std::size_t>(it - focus.begin());
        lead[k] = r;
        lead[k].score = top * (1.2 - 0.01 * static_cast<double>(k));
        lead[k].why = "chosen by the model" + (r.why.empty() ? std::string() : "; " + r.why);
        found[k] = true;
    }
    std::vector<RankedFile> out;
    for (std::size_t k = 0; k < lead.size(); ++k) {
        if (found[k]) out.push_back(lead[k]);
    }
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

// For changelogs and build manifests: the share of the recent commits that changed each. A project
// that adds a changelog entry with every change shows it in its history; one that writes its
// changelog at release does not.
std::vector<double> changelog_rates(const std::vector<TrackedFile>& files, const std::vector<HistoryCommit>& history)
{
    std::vector<double> rates(files.size(), 0.0);
    if (history.empty()) return rates;
    std::unordered_map<std::string_view, std::size_t> changelogs;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (is_changelog_path(files[i].path) || is_manifest_path(files[i].path)) changelogs.emplace(files[i].path, i);
    }
    if (changelogs.empty()) return rates;
    for (const HistoryCommit& commit : history) {
        for (const std::string& path : commit.paths) {
            if (auto it = changelogs.find(path); it != changelogs.end()) rates[it->second] += 1.0;
        }
    }
    for (double& r : rates) r /= static_cast<double>(history.size());
    return rates;
}

// Bundled third-party code (vendored.hpp) ranks as what it is, vendored or generated, so that it
// does not compete with the project's own code; unless the task names it or an identifier it
// defines with this certainty (its file name, or an identifier defined in at most two files; plain
// words never: "didx" in a jq task named a variable of decNumber by chance), or the model chose it:
// then it ranks as its own kind, as the project's code would.
constexpr double kNamedBundled = 0.5;

struct Bundled {
    std::size_t index = 0;               // into the tree's files
    const VendoredRoot* root = nullptr;
    bool named = false;                  // the task names it: ranked as its own kind
};

std::vector<Bundled> bundled_files(const std::vector<TrackedFile>& files, const std::vector<VendoredRoot>& roots)
{
    std::vector<Bundled> out;
    if (roots.empty()) return out;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (const VendoredRoot* root = vendored_root_of(roots, files[i].path)) out.push_back(Bundled{i, root, false});
    }
    return out;
}

// Gives bundled files their kind (the analysis pass sets every file's kind from its path alone).
void mark_bundled(const std::vector<Bundled>& bundled, const std::vector<TrackedFile>& files, std::vector<FileAnalysis>& analyses)
{
    for (const Bundled& b : bundled) {
        FileAnalysis& a = analyses[b.index];
        a.kind = b.named ? kind_at(files[b.index].path, a) : b.root->kind;
    }
}

// Marks the vendored files the task names, or the model chose (--localize); true if any.
bool name_bundled(std::vector<Bundled>& bundled, const std::vector<double>& named_by_task, const std::vector<TrackedFile>& files,
                  const std::vector<FocusFile>& focus)
{
    bool any = false;
    for (Bundled& b : bundled) {
        const bool chosen = std::any_of(focus.begin(), focus.end(), [&](const FocusFile& f) { return f.path == files[b.index].path; });
        const bool named = b.index < named_by_task.size() && named_by_task[b.index] >= kNamedBundled;
        if (b.root->kind == FileKind::vendored && !b.named && (chosen || named)) b.named = any = true;
    }
    return any;
}

// Ranks; then, if the task names bundled files, ranks again with those as their own kind.
Ranking rank_with_bundled(const RankingInputs& inputs, std::vector<Bundled>& bundled, const std::vector<FocusFile>& focus,
                          std::vector<FileAnalysis>& analyses)
{
    Ranking ranking = rank_files(inputs);
    if (name_bundled(bundled, ranking.named, *inputs.files, focus)) {
        mark_bundled(bundled, *inputs.files, analyses);
        ranking = rank_files(inputs);
    }
    return ranking;
}

// The kinds of the shown files, which are a subsequence of the packed ones, in the same order.
void set_shown_kinds(ContextPack& packed, const PackInput& pack, const std::vector<std::size_t>& tree_index,
                     const std::vector<FileAnalysis>& analyses)
{
    std::size_t k = 0;
    for (ShownFile& shown : packed.files) {
        while (k < pack.files.size() && pack.files[k].path != shown.path) ++k;
        if (k < pack.files.size()) shown.kind = analyses[tree_index[k]].kind;
    }
}

std::string bundle_note(std::string why, const Bundled& b)
{
    if (!why.empty()) why += "; ";
    why += "bundled in " + b.root->path;
    if (b.named) why += ", ranked as its own kind: the task names it or the model chose it";
    return why;
}

} // namespace

Result<ContextPack> build_context(const SourceTree& tree, const ContextRequest& request)
{
    if (request.budget <= 0) return make_error(ErrorKind::usage, "--budget must be a positive number of tokens");
    const auto& files = tree.files();
    std::vector<std::string> include;
    for (const auto& p : request.include) {
        std::string path = normalize_path(p);
        const bool known = std::any_of(files.begin(), files.end(), [&](const TrackedFile& f) { return f.path == path; });
        if (!known) return make_error(ErrorKind::usage, "--include " + p + ": no such file in the revision");
        include.push_back(std::move(path));
    }

    PhaseTimer timer;
    // History needs nothing from the analyses: walk it (one thread; ~0.3 s on a cold git.git)
    // while the files are read. The source tree's history and reads may run at the same time.
    auto history = std::async(std::launch::async, [&tree] { return cached_history(tree, kHistoryCommits); });
    AnalysisCache cache(tree.cache_dir());
    cache.load();
    timer.mark("cache load");
    std::vector<FileAnalysis> analyses(files.size());
    std::vector<std::size_t> all(files.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    const bool parse_all = should_parse_all(tree);
    std::size_t computed = 0;
    // Ranking looks up only the task's terms in each file (the same hashes rank_files derives).
    std::vector<std::uint32_t> task_hashes;
    for (const std::string& term : task_terms(request.task)) task_hashes.push_back(hash32(term));
    std::sort(task_hashes.begin(), task_hashes.end());
    task_hashes.erase(std::unique(task_hashes.begin(), task_hashes.end()), task_hashes.end());
    analyze_files(tree, cache, all, parse_all, analyses, &computed, &task_hashes);
    timer.mark(parse_all ? "analyze" : "prefilter");
    std::vector<VendoredRoot> vendored = find_vendored(gather_vendor_evidence(tree));
    std::vector<Bundled> bundled = bundled_files(files, vendored);
    mark_bundled(bundled, files, analyses);
    timer.mark("vendored");

    RankingInputs inputs;
    inputs.files = &files;
    inputs.analyses = &analyses;
    inputs.task = request.task;
    inputs.history = history.get();
    timer.mark("history");
    if (!parse_all) {
        // Parse the best of what the words found, then rank with their symbols.
        inputs.lexical_only = true;
        const Ranking lexical = rank_files(inputs);
        inputs.lexical_only = false;
        const std::vector<std::size_t> deep = choose_deep_parse(files, analyses, lexical.files, deep_parse_bytes(tree));
        std::uint64_t deep_bytes = 0;
        for (std::size_t i : deep) deep_bytes += files[i].size;
        analyze_files(tree, cache, deep, true, analyses, &computed, &task_hashes);
        mark_bundled(bundled, files, analyses);
        timer.note(std::to_string(deep.size()) + " files to parse deeply, " + std::to_string(deep_bytes >> 10) + " KiB");
        timer.mark("deep parse");
    }
    const Ranking ranking = rank_with_bundled(inputs, bundled, request.focus, analyses);
    timer.mark("rank");
    if (computed > 0) cache.save();
    timer.mark("cache save");

    std::vector<bool> named(files.size(), false);
    for (std::size_t i : files_named_in(request.task, files)) named[i] = true;
    const std::vector<double> rates = changelog_rates(files, inputs.history);

    PackInput pack;
    pack.budget = request.budget;
    pack.query = ranking.query;
    std::vector<std::size_t> tree_index;
    std::vector<const Bundled*> bundle_of(files.size(), nullptr);
    for (const Bundled& b : bundled) bundle_of[b.index] = &b;
    for (const RankedFile& r : lead_with_focus(ranking, files, request.focus)) {
        PackFile f;
        f.path = files[r.index].path;
        f.analysis = &analyses[r.index];
        f.score = r.score;
        f.why = bundle_of[r.index] ? bundle_note(r.why, *bundle_of[r.index]) : r.why;
        f.include = std::find(include.begin(), include.end(), f.path) != include.end();
        for (const FocusFile& focus : request.focus) {
            if (focus.path != f.path) continue;
            f.focus_symbols = focus.symbols;
            f.focus = true;
        }
        f.named = named[r.index];
        f.change_rate = rates[r.index];
        pack.files.push_back(std::move(f));
        tree_index.push_back(r.index);
    }
    pack.read = [&](std::size_t i) { return tree.read(files[tree_index[i]]); };
    auto packed = pack_context(pack);
    timer.mark("pack");
    if (!packed) return packed;
    set_shown_kinds(*packed, pack, tree_index, analyses);
    packed->vendored = std::move(vendored);
    return packed;
}

} // namespace oneshot::context
