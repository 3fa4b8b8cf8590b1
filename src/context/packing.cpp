#include "context/packing.hpp"

#include "context/chunks.hpp"
#include "context/companions.hpp"
#include "context/render.hpp"
#include "context/token_count.hpp"
#include "context/words.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <unordered_set>

namespace oneshot::context {

namespace {

constexpr int kContextLines = 2;              // lines shown around a chosen chunk
constexpr std::size_t kMaxVerbatimCandidates = 60;
constexpr std::size_t kMaxRestOutlineEntries = 40;
constexpr std::size_t kBreadthFiles = 5;     // close contenders that each get their best chunk first
constexpr double kContenderScore = 0.5;       // of the top file's score
constexpr double kBreadthShare = 0.12;        // of the verbatim budget, per contender
constexpr double kLeadingScore = 0.05;        // of the top file's score, to be considered for verbatim text
constexpr std::size_t kChunkPassFiles = 30;   // leading files whose chunks compete in the chunk pass
constexpr double kWholeFileSlack = 1.3;       // a file costing at most this times its matching chunks is shown whole
constexpr double kChunkPassShare = 0.4;       // of the verbatim budget left after the breadth pass
constexpr double kCoreChunkShare = 0.2;   // of the best chunk's score, to be shown in the first pass
constexpr std::size_t kMaxOutlinedFiles = 200;
constexpr std::size_t kSignatureChars = 160;
constexpr std::size_t kShortSignatureChars = 90;
constexpr std::int64_t kSafetyMargin = 8;
constexpr std::int64_t kMaxHeaderTokens = 400;
constexpr double kOutlineShare = 0.12;          // of the budget, kept for outlines   // a longer import block is not shown up front

// The rest of a complete change (tests, changelog, docs), after the source has had its first share.
// Set a priori, not yet tuned on the development set (see the closing note of issue 10).
constexpr double kCompanionShare = 0.5;         // of the verbatim budget left after the verbatim pass
constexpr double kChangeRate = 0.1;             // share of recent commits that changed a changelog or manifest
constexpr int kChangelogHeadLines = 40;         // the head of a changelog: where a new entry goes, and the last ones
constexpr std::size_t kCompanionTests = 2;      // test files of the shown source, best first
constexpr std::size_t kCompanionDocs = 2;       // doc files matching the task, best first
constexpr double kNamedShare = 0.5;             // of what is left, for each file the task names

using Ranges = std::vector<std::pair<int, int>>;

Ranges merge(Ranges ranges)
{
    std::sort(ranges.begin(), ranges.end());
    Ranges out;
    for (const auto& r : ranges) {
        if (!out.empty() && r.first <= out.back().second + 1) out.back().second = std::max(out.back().second, r.second);
        else out.push_back(r);
    }
    return out;
}

// One file that may be shown verbatim: its text, lines, per-line token costs and chunks.
struct Loaded {
    std::string content;
    std::vector<std::size_t> offsets;
    std::vector<std::int64_t> prefix;   // prefix[i] = tokens of lines 1..i
    std::vector<Chunk> chunks;
    int lines = 0;
};

struct State {
    enum class Mode { none, full, regions, outline, listed };
    Mode mode = Mode::none;
    Ranges regions;
    std::set<std::size_t> chunks_taken;
    std::int64_t verbatim_tokens = 0;
    std::int64_t outline_tokens = 0;
    std::string verbatim_text;
    std::string outline_text;
};

std::string signature(std::string_view content, const std::vector<std::size_t>& offsets, int line, std::size_t max_chars)
{
    const std::size_t begin = offsets[static_cast<std::size_t>(line - 1)];
    std::size_t end = offsets[static_cast<std::size_t>(line)];
    std::string_view text = content.substr(begin, end - begin);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    const auto start = text.find_first_not_of(" \t");
    std::string out(start == std::string_view::npos ? std::string_view() : text);
    if (out.size() > max_chars) out = out.substr(0, max_chars) + " ...";
    return out;
}

// The definitions a localizing model asked for outrank every lexical match in their file. A
// symbol may be qualified ("Config::load", "Store.load"): its last part names the definition.
void lead_with_symbols(std::vector<Chunk>& chunks, const std::vector<std::string>& symbols)
{
    if (symbols.empty()) return;
    double best = 0;
    for (const Chunk& c : chunks) best = std::max(best, c.score);
    for (const std::string& symbol : symbols) {
        std::string_view name = symbol;
        if (const auto cut = name.find_last_of(".:"); cut != std::string_view::npos) name.remove_prefix(cut + 1);
        for (Chunk& c : chunks) {
            if (!name.empty() && c.name == name) c.score = std::max(c.score, best + 1.0);
        }
    }
}

class Packer {
public:
    explicit Packer(const PackInput& input) : in_(input), states_(input.files.size()) {}

    Result<ContextPack> run()
    {
        const std::string intro = render_intro();
        const std::int64_t intro_tokens = count_tokens(intro);
        available_ = in_.budget - intro_tokens - kSafetyMargin;
        if (available_ <= 0) return pack_result("");   // too small for anything: an empty context

        if (auto status = place_includes(); !status) return status.take_error();
        if (show_everything()) {
            listing_pass(available_);
            return pack_result(intro);
        }
        named_pass();
        const std::int64_t listing_reserve = listing_reserve_for(in_.budget);
        const std::int64_t outline_reserve = static_cast<std::int64_t>(kOutlineShare * static_cast<double>(in_.budget));
        // Limits are cumulative: each pass may spend up to its limit minus what is already used.
        const std::int64_t verbatim_limit = available_ - listing_reserve - outline_reserve;
        breadth_pass(verbatim_limit);
        chunk_pass(used_ + static_cast<std::int64_t>(kChunkPassShare * static_cast<double>(verbatim_limit - used_)));
        verbatim_pass(verbatim_limit);
        companion_pass(used_ + static_cast<std::int64_t>(kCompanionShare * static_cast<double>(verbatim_limit - used_)));
        fill_pass(verbatim_limit);
        outline_pass(available_ - listing_reserve);
        listing_pass(available_);
        return pack_result(intro);
    }

private:
    std::int64_t listing_reserve_for(std::int64_t budget) const
    {
        std::int64_t all = 0;
        for (const auto& f : in_.files) all += count_tokens(f.path) + 1;
        return std::min(all + 20, std::max<std::int64_t>(150, budget / 20));
    }

    Loaded* load(std::size_t i)
    {
        auto it = loaded_.find(i);
        if (it != loaded_.end()) return it->second ? &*it->second : nullptr;
        std::optional<Loaded> slot;
        const FileAnalysis* a = in_.files[i].analysis;
        if (a && !a->binary && !a->huge) {
            auto content = in_.read(i);
            if (content) {
                Loaded l;
                l.content = std::move(*content);
                l.offsets = line_offsets(l.content);
                l.lines = static_cast<int>(l.offsets.size()) - 1;
                l.prefix.assign(static_cast<std::size_t>(l.lines) + 1, 0);
                for (int line = 1; line <= l.lines; ++line) {
                    const std::size_t b = l.offsets[static_cast<std::size_t>(line - 1)];
                    const std::size_t e = l.offsets[static_cast<std::size_t>(line)];
                    l.prefix[static_cast<std::size_t>(line)] = l.prefix[static_cast<std::size_t>(line - 1)] +
                                                               count_tokens(std::string_view(l.content).substr(b, e - b));
                }
                l.chunks = partition_file(l.content, l.offsets, *a);
                score_chunks(l.chunks, l.content, l.offsets, in_.query);
                lead_with_symbols(l.chunks, in_.files[i].focus_symbols);
                slot = std::move(l);
            }
        }
        auto [pos, _] = loaded_.emplace(i, std::move(slot));
        return pos->second ? &*pos->second : nullptr;
    }

    std::int64_t full_cost(std::size_t i, const Loaded& l) const
    {
        return count_tokens(render_full(in_.files[i].path, "", l.lines)) + l.prefix.back();
    }

    std::int64_t regions_cost(std::size_t i, const Loaded& l, const Ranges& regions) const
    {
        std::int64_t cost = count_tokens(render_regions(in_.files[i].path, "", {0}, {}, l.lines));
        for (const auto& [a, b] : regions) {
            cost += 14 + count_tokens(in_.files[i].path);   // the "--- path lines a-b ---" line
            cost += l.prefix[static_cast<std::size_t>(b)] - l.prefix[static_cast<std::size_t>(a - 1)];
        }
        return cost;
    }

    void show_full(std::size_t i, Loaded& l)
    {
        State& s = states_[i];
        used_ -= s.verbatim_tokens;
        s.mode = State::Mode::full;
        s.regions.clear();
        s.verbatim_text = render_full(in_.files[i].path, l.content, l.lines);
        s.verbatim_tokens = full_cost(i, l);
        used_ += s.verbatim_tokens;
    }

    Ranges with_chunks(const Loaded& l, const std::set<std::size_t>& chunks) const
    {
        Ranges ranges;
        for (std::size_t c : chunks) {
            ranges.emplace_back(std::max(1, l.chunks[c].first - kContextLines), std::min(l.lines, l.chunks[c].last + kContextLines));
        }
        return merge(ranges);
    }

    // Adds chunks (in the given order) to file i's regions while they fit in `allowance` tokens more.
    std::int64_t add_chunks(std::size_t i, Loaded& l, const std::vector<std::size_t>& order, std::int64_t allowance)
    {
        State& s = states_[i];
        const std::int64_t before = s.mode == State::Mode::regions ? s.verbatim_tokens : 0;
        std::set<std::size_t> taken = s.chunks_taken;
        std::int64_t cost = before;
        auto has_code = [&] { return std::any_of(taken.begin(), taken.end(), [&](std::size_t t) { return !l.chunks[t].header; }); };
        // Headers wait until some code of the file is in, then come right after it: an edit that
        // needs a new import is common, and a header left to the end rarely fits any more.
        std::vector<std::size_t> queue(order.rbegin(), order.rend());   // popped from the back
        std::vector<std::size_t> deferred;
        while (!queue.empty()) {
            const std::size_t c = queue.back();
            queue.pop_back();
            if (taken.contains(c)) continue;
            if (l.chunks[c].header && !has_code()) {
                deferred.push_back(c);
                continue;
            }
            taken.insert(c);
            const std::int64_t next = regions_cost(i, l, with_chunks(l, taken));
            if (next - before > allowance) {
                taken.erase(c);
                continue;
            }
            cost = next;
            if (!l.chunks[c].header && !deferred.empty()) {
                queue.insert(queue.end(), deferred.rbegin(), deferred.rend());
                deferred.clear();
            }
        }
        if (taken.size() == s.chunks_taken.size()) return 0;
        s.chunks_taken = std::move(taken);
        s.regions = with_chunks(l, s.chunks_taken);
        s.mode = State::Mode::regions;
        used_ += cost - before;
        s.verbatim_tokens = cost;
        return cost - before;
    }

    // The chunks most likely edited: the header (imports change with the code), then every chunk
    // that shares a word with the task, best first.
    std::vector<std::size_t> core_chunks(const Loaded& l) const
    {
        std::vector<std::size_t> order;
        const auto relevant = chunks_by_score(l, true);
        // A header alone says nothing: it comes along only with code that matches the task.
        const bool any_code = std::any_of(relevant.begin(), relevant.end(), [&](std::size_t c) { return !l.chunks[c].header; });
        for (std::size_t c = 0; c < l.chunks.size() && any_code; ++c) {
            if (l.chunks[c].header && l.prefix[static_cast<std::size_t>(l.chunks[c].last)] -
                                              l.prefix[static_cast<std::size_t>(l.chunks[c].first - 1)] <= kMaxHeaderTokens)
                order.push_back(c);
        }
        // Only chunks that match about as well as the best: a weak match to a common word of the
        // task is no reason to spend the first share of the budget; the fill pass adds them later.
        const double best = relevant.empty() ? 0 : l.chunks[relevant.front()].score;
        for (std::size_t c : relevant) {
            if (!l.chunks[c].header && l.chunks[c].score >= kCoreChunkShare * best) order.push_back(c);
        }
        return order;
    }

    std::vector<std::size_t> chunks_by_score(const Loaded& l, bool positive_only) const
    {
        std::vector<std::size_t> order;
        for (std::size_t c = 0; c < l.chunks.size(); ++c) {
            if (!positive_only || l.chunks[c].score > 0) order.push_back(c);
        }
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return l.chunks[a].score > l.chunks[b].score; });
        return order;
    }

    Status place_includes()
    {
        for (std::size_t i = 0; i < in_.files.size(); ++i) {
            if (!in_.files[i].include) continue;
            Loaded* l = load(i);
            if (!l) return make_error(ErrorKind::usage, "--include " + in_.files[i].path + ": not a text file that can be shown");
            if (used_ + full_cost(i, *l) > available_) {
                return make_error(ErrorKind::usage, "--include " + in_.files[i].path + " needs " +
                                                        std::to_string(full_cost(i, *l)) + " tokens, more than the budget of " +
                                                        std::to_string(in_.budget) + " leaves");
            }
            show_full(i, *l);
        }
        return Ok{};
    }

    bool verbatim_candidate(std::size_t i) const
    {
        const PackFile& f = in_.files[i];
        return f.analysis && !f.analysis->binary && !f.analysis->huge && f.score > 0 && states_[i].mode == State::Mode::none &&
               (is_code_like(f.analysis->kind) || f.analysis->kind == FileKind::other || f.focus || f.named);
    }

    // Files that are text someone wrote: generated, vendored and lock files aside.
    bool authored_text(std::size_t i) const
    {
        const FileAnalysis* a = in_.files[i].analysis;
        return a && !a->binary && !a->huge && a->kind != FileKind::generated && a->kind != FileKind::vendored;
    }

    // When the whole repository's authored text fits, nothing is withheld: every such file is shown
    // in full (a small repository's README and tests are as much the change as its code).
    bool show_everything()
    {
        std::int64_t estimate = 0;
        for (std::size_t i = 0; i < in_.files.size(); ++i) {
            if (authored_text(i)) estimate += in_.files[i].analysis->tokens;
        }
        // The size estimate is rough: read the files only when it is within reach.
        if (estimate > 2 * (available_ - used_)) return false;
        std::int64_t cost = used_ + count_tokens(render_listing({}, 1));
        for (std::size_t i = 0; i < in_.files.size(); ++i) {
            if (states_[i].mode != State::Mode::none) continue;
            Loaded* l = authored_text(i) ? load(i) : nullptr;
            cost += l ? full_cost(i, *l) : count_tokens(in_.files[i].path) + 1;
            if (cost > available_) return false;
        }
        for (std::size_t i = 0; i < in_.files.size(); ++i) {
            if (states_[i].mode != State::Mode::none || !authored_text(i)) continue;
            if (Loaded* l = load(i)) show_full(i, *l);
        }
        return true;
    }

    // Shows file i whole if it costs at most `allowance`, else the chunks in `order` that fit.
    void show_within(std::size_t i, Loaded& l, const std::vector<std::size_t>& order, std::int64_t allowance)
    {
        const bool excerpted = states_[i].mode == State::Mode::regions;
        if (full_cost(i, l) - (excerpted ? states_[i].verbatim_tokens : 0) <= allowance) {
            show_full(i, l);
            return;
        }
        add_chunks(i, l, order, allowance);
        if (!excerpted && states_[i].mode == State::Mode::regions) region_files_.push_back(i);
    }

    // A file the task names is shown whatever its kind: whole, or its parts that match the task
    // (its top when none does).
    void named_pass()
    {
        for (std::size_t i = 0; i < in_.files.size(); ++i) {
            if (!in_.files[i].named || states_[i].mode != State::Mode::none) continue;
            Loaded* l = load(i);
            if (!l) continue;
            std::vector<std::size_t> order = core_chunks(*l);
            for (std::size_t c = 0; c < l->chunks.size(); ++c) order.push_back(c);
            show_within(i, *l, order, static_cast<std::int64_t>(kNamedShare * static_cast<double>(available_ - used_)));
        }
    }

    bool shows_text(std::size_t i) const { return states_[i].mode == State::Mode::full || states_[i].mode == State::Mode::regions; }

    // The rest of a complete change, once the source most likely edited has its share: the head of
    // a changelog the project keeps entry by entry, the tests of the source shown (where a new test
    // goes and the ones asserting the old behaviour), and the docs that match the task.
    void companion_pass(std::int64_t budget)
    {
        changelog_head(budget);
        manifests(budget);
        std::vector<std::size_t> shown_source;
        for (std::size_t i = 0; i < in_.files.size(); ++i) {
            if (shows_text(i) && in_.files[i].analysis && in_.files[i].analysis->kind == FileKind::code) shown_source.push_back(i);
        }
        auto is_test = [&](std::size_t k) { return in_.files[k].analysis && in_.files[k].analysis->kind == FileKind::test; };
        std::vector<std::string> paths;
        for (const PackFile& f : in_.files) paths.push_back(f.path);
        // Tests named after the source shown, then the tests the ranking found for the task.
        std::vector<std::size_t> tests = tests_named_after(paths, shown_source, is_test);
        for (std::size_t k = 0; k < in_.files.size(); ++k) {
            if (is_test(k) && in_.files[k].score > 0 && std::find(tests.begin(), tests.end(), k) == tests.end()) tests.push_back(k);
        }
        std::size_t taken = 0;
        for (std::size_t i : tests) {
            if (taken == kCompanionTests || budget - used_ < 120) break;
            if (states_[i].mode == State::Mode::full) continue;
            Loaded* l = load(i);
            if (!l) continue;
            ++taken;
            std::vector<std::size_t> order;
            for (std::size_t c = 0; c < l->chunks.size(); ++c) {
                if (l->chunks[c].header) order.push_back(c);
            }
            for (std::size_t c : chunks_by_score(*l, true)) order.push_back(c);
            if (!l->chunks.empty()) order.push_back(l->chunks.size() - 1);   // new tests usually go at the end
            const auto share = static_cast<std::int64_t>(kCompanionTests - taken + 2);
            show_within(i, *l, order, (budget - used_) / share);
        }
        taken = 0;
        std::size_t examined = 0;   // docs read to find matching sections, a few more than are shown
        for (std::size_t i = 0; i < in_.files.size() && taken < kCompanionDocs && examined < 4 * kCompanionDocs; ++i) {
            const FileAnalysis* a = in_.files[i].analysis;
            if (!a || a->kind != FileKind::docs || in_.files[i].score <= 0 || states_[i].mode != State::Mode::none) continue;
            if (budget - used_ < 120) break;
            ++examined;
            Loaded* l = load(i);
            if (!l) continue;
            const std::vector<std::size_t> order = chunks_by_score(*l, true);
            if (order.empty()) continue;
            ++taken;
            show_within(i, *l, order, (budget - used_) / 3);
        }
    }

    // Build manifests the project changes often (dependencies, module lists), shown whole when small:
    // a change that adds a file, a dependency or a module edits them.
    void manifests(std::int64_t budget)
    {
        for (std::size_t i = 0; i < in_.files.size(); ++i) {
            const FileAnalysis* a = in_.files[i].analysis;
            if (!a || in_.files[i].change_rate < kChangeRate || states_[i].mode != State::Mode::none) continue;
            if (a->kind == FileKind::changelog || a->kind == FileKind::docs) continue;
            Loaded* l = load(i);
            if (l && full_cost(i, *l) <= (budget - used_) / 4) show_full(i, *l);
        }
    }

    // The changelog most often changed lately, if the project adds to it with most changes: its
    // first lines, where a new entry goes, with the latest entries to copy the format from.
    void changelog_head(std::int64_t budget)
    {
        std::size_t best = in_.files.size();
        for (std::size_t i = 0; i < in_.files.size(); ++i) {
            const FileAnalysis* a = in_.files[i].analysis;
            if (!a || (a->kind != FileKind::changelog && a->kind != FileKind::docs)) continue;
            if (in_.files[i].change_rate >= kChangeRate && (best == in_.files.size() || in_.files[i].change_rate > in_.files[best].change_rate))
                best = i;
        }
        if (best == in_.files.size() || states_[best].mode != State::Mode::none) return;
        Loaded* l = load(best);
        if (!l || l->lines == 0) return;
        const Ranges head{{1, std::min(l->lines, kChangelogHeadLines)}};
        const std::int64_t cost = regions_cost(best, *l, head);
        if (cost > budget - used_) return;
        if (head.front().second == l->lines) {
            show_full(best, *l);
            return;
        }
        State& s = states_[best];
        s.mode = State::Mode::regions;
        s.regions = head;
        s.verbatim_tokens = cost;
        used_ += cost;
    }

    // Chunks of the leading files compete with one another: a strong match deep in the fifth file
    // is likelier to be edited than a weak one in the first. Each chunk is valued by its own score
    // times its file's relative score (squared: the ranking's order still counts most), and taken
    // best first while it fits; a small file whose chunks would cost about as much is one item.
    void chunk_pass(std::int64_t budget)
    {
        struct Item {
            double value;
            std::size_t file;
            std::size_t chunk;   // SIZE_MAX: the whole file
        };
        std::vector<Item> items;
        const auto leading = leading_files(kChunkPassFiles);
        for (std::size_t i : leading) {
            const bool excerpted = states_[i].mode == State::Mode::regions;
            Loaded* l = load(i);
            if (!l) continue;
            const double relative = in_.files[i].score / in_.files[leading.front()].score;
            const double weight = relative * relative;
            double best = 0;
            std::int64_t matching_cost = 0;
            for (const Chunk& c : l->chunks) {
                best = std::max(best, c.score);
                if (c.score > 0) matching_cost += l->prefix[static_cast<std::size_t>(c.last)] - l->prefix[static_cast<std::size_t>(c.first - 1)];
            }
            if (best <= 0) continue;
            const auto cost = static_cast<double>(full_cost(i, *l));
            if (!excerpted && cost <= kWholeFileSlack * static_cast<double>(matching_cost)) {
                items.push_back(Item{weight * best, i, SIZE_MAX});
                continue;
            }
            for (std::size_t c = 0; c < l->chunks.size(); ++c) {
                if (l->chunks[c].score > 0 && !l->chunks[c].header) items.push_back(Item{weight * l->chunks[c].score, i, c});
            }
        }
        std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.value > b.value; });
        for (const Item& item : items) {
            const std::int64_t left = budget - used_;
            if (left < 40) break;
            Loaded* l = load(item.file);
            State& s = states_[item.file];
            if (s.mode == State::Mode::full) continue;
            if (item.chunk == SIZE_MAX) {
                if (full_cost(item.file, *l) - (s.mode == State::Mode::regions ? s.verbatim_tokens : 0) <= left) show_full(item.file, *l);
                continue;
            }
            const bool first = s.mode != State::Mode::regions;
            std::vector<std::size_t> order;
            if (first) {
                for (std::size_t c = 0; c < l->chunks.size(); ++c) {
                    if (l->chunks[c].header) order.push_back(c);
                }
            }
            order.push_back(item.chunk);
            add_chunks(item.file, *l, order, left);
            if (first && s.mode == State::Mode::regions) region_files_.push_back(item.file);
        }
    }

    // Best files first: whole when they fit a share of what is left, else their best chunks.
    // The files that may still gain verbatim text, best first: candidates not shown yet and files
    // shown in excerpts, down to a twentieth of the first one's score.
    std::vector<std::size_t> leading_files(std::size_t limit) const
    {
        std::vector<std::size_t> out;
        for (std::size_t i = 0; i < in_.files.size() && out.size() < limit; ++i) {
            const bool excerpted = states_[i].mode == State::Mode::regions && !in_.files[i].include;
            if (!verbatim_candidate(i) && !excerpted) continue;
            if (!out.empty() && in_.files[i].score < kLeadingScore * in_.files[out.front()].score) break;
            out.push_back(i);
        }
        return out;
    }

    // The ranking is often unsure between its first few files (scores within a few percent of
    // each other): each close contender first gets its best-matching code (and header), so that a
    // second-ranked file that is the one edited is not starved by the first.
    void breadth_pass(std::int64_t budget)
    {
        double top = 0;
        std::size_t contenders = 0;
        const auto allowance = static_cast<std::int64_t>(kBreadthShare * static_cast<double>(budget));
        for (std::size_t i = 0; i < in_.files.size() && contenders < kBreadthFiles; ++i) {
            if (!verbatim_candidate(i)) continue;
            const double score = in_.files[i].score;
            if (top == 0) top = score;
            if (score < kContenderScore * top || budget - used_ < allowance) break;
            Loaded* l = load(i);
            if (!l) continue;
            ++contenders;
            if (full_cost(i, *l) <= allowance) {
                show_full(i, *l);
                continue;
            }
            std::vector<std::size_t> best;
            for (std::size_t c : core_chunks(*l)) {
                best.push_back(c);
                if (!l->chunks[c].header) break;
            }
            add_chunks(i, *l, best, allowance);
            if (states_[i].mode == State::Mode::regions) region_files_.push_back(i);
        }
    }

    // Best files first: whole when they fit a share of what is left, else their best chunks.
    void verbatim_pass(std::int64_t budget)
    {
        std::size_t rank = 0;
        for (std::size_t i : leading_files(kMaxVerbatimCandidates)) {
            const bool excerpted = states_[i].mode == State::Mode::regions;
            const std::int64_t left = budget - used_;
            if (left < 120) break;
            Loaded* l = load(i);
            if (!l) continue;
            // A first share only: what is left returns to these files in the fill pass.
            const double share = rank == 0 ? 0.7 : rank < 3 ? 0.5 : 0.35;
            const auto allowance = static_cast<std::int64_t>(share * static_cast<double>(left));
            ++rank;
            const std::int64_t shown = excerpted ? states_[i].verbatim_tokens : 0;
            if (full_cost(i, *l) - shown <= allowance) {
                show_full(i, *l);
                continue;
            }
            add_chunks(i, *l, core_chunks(*l), allowance);
            if (!excerpted && states_[i].mode == State::Mode::regions) region_files_.push_back(i);
        }
    }

    // Budget left for verbatim code goes, in rank order, to making chosen excerpts whole or
    // wider (the chunks around and used by what was chosen), then to further files.
    void fill_pass(std::int64_t budget)
    {
        for (std::size_t i : region_files_) {
            const std::int64_t left = budget - used_;
            if (left < 60) return;
            Loaded* l = load(i);
            if (full_cost(i, *l) - states_[i].verbatim_tokens <= left) {
                show_full(i, *l);
                continue;
            }
            add_chunks(i, *l, related_chunks(*l, states_[i].chunks_taken), left);
            add_chunks(i, *l, chunks_by_score(*l, true), budget - used_);
        }
        std::size_t extra = 0;
        for (std::size_t i = 0; i < in_.files.size() && extra < kMaxVerbatimCandidates; ++i) {
            if (!verbatim_candidate(i)) continue;
            const std::int64_t left = budget - used_;
            if (left < 120) return;
            Loaded* l = load(i);
            if (!l) continue;
            ++extra;
            if (full_cost(i, *l) <= left / 2) {
                show_full(i, *l);
                continue;
            }
            add_chunks(i, *l, chunks_by_score(*l, true), left / 3);
        }
    }

    // Chunks next to chosen ones, and chunks defining what chosen ones use.
    std::vector<std::size_t> related_chunks(const Loaded& l, const std::set<std::size_t>& chosen) const
    {
        std::set<std::uint32_t> used_names;
        for (std::size_t c : chosen) used_names.insert(l.chunks[c].calls.begin(), l.chunks[c].calls.end());
        std::vector<std::size_t> order;
        for (std::size_t c = 0; c < l.chunks.size(); ++c) {
            if (chosen.contains(c)) continue;
            const bool defines_used = !l.chunks[c].name.empty() && used_names.contains(name_key(l.chunks[c].name));
            if (defines_used) order.push_back(c);
        }
        for (std::size_t c : chosen) {
            if (c > 0 && !chosen.contains(c - 1)) order.push_back(c - 1);
            if (c + 1 < l.chunks.size() && !chosen.contains(c + 1)) order.push_back(c + 1);
        }
        return order;
    }

    // Signature lines outside the verbatim regions: the definitions tree-sitter found, the most
    // telling kinds first when there are more than `limit`; for files we do not parse, the
    // unindented lines that open something (a heuristic that fits most languages).
    std::vector<std::pair<int, std::string>> outline_entries(std::size_t i, const Loaded& l, const Ranges& shown,
                                                             std::size_t limit) const
    {
        auto inside = [&](int line) { return std::any_of(shown.begin(), shown.end(), [&](auto& r) { return line >= r.first && line <= r.second; }); };
        std::vector<std::pair<int, int>> candidates;   // (priority, line)
        std::set<int> seen;
        const FileAnalysis& a = *in_.files[i].analysis;
        if (a.parsed) {
            for (const Definition& d : a.definitions) {
                const int line = d.name_line;
                if (line < 1 || line > l.lines || inside(line) || !seen.insert(line).second) continue;
                candidates.emplace_back(kind_priority(d.kind), line);
            }
        } else {
            for (int line = 1; line <= l.lines && candidates.size() < 4 * limit; ++line) {
                if (inside(line)) continue;
                const std::string text = signature(l.content, l.offsets, line, kSignatureChars);
                const std::size_t b = l.offsets[static_cast<std::size_t>(line - 1)];
                const char first = l.content[b];
                if (text.size() < 3 || first == ' ' || first == '\t' || !std::isalpha(static_cast<unsigned char>(first))) continue;
                candidates.emplace_back(1, line);
            }
        }
        std::stable_sort(candidates.begin(), candidates.end(), [](auto& x, auto& y) { return x.first < y.first; });
        if (candidates.size() > limit) candidates.resize(limit);
        std::vector<std::pair<int, std::string>> entries;
        // Short outlines are for breadth: their signatures are cut shorter too.
        const std::size_t chars = limit >= 8 ? kSignatureChars : kShortSignatureChars;
        for (const auto& [priority, line] : candidates) entries.emplace_back(line, signature(l.content, l.offsets, line, chars));
        std::sort(entries.begin(), entries.end());
        return entries;
    }

    static int kind_priority(std::string_view kind)
    {
        if (kind == "class" || kind == "interface" || kind == "module" || kind == "type") return 0;
        if (kind == "function" || kind == "method" || kind == "macro") return 1;
        return 2;   // constants, fields, variables
    }

    bool add_outline(std::size_t i, std::int64_t budget, std::size_t limit)
    {
        Loaded* l = load(i);
        if (!l) return false;
        State& s = states_[i];
        auto entries = outline_entries(i, *l, s.regions, limit);
        if (entries.empty()) return false;
        const bool rest = s.mode == State::Mode::regions;
        std::string text = render_outline(in_.files[i].path, entries, l->lines, rest);
        std::int64_t cost = count_tokens(text);
        while (cost > budget - used_ && entries.size() > 3) {
            entries.resize(entries.size() / 2);
            text = render_outline(in_.files[i].path, entries, l->lines, rest);
            cost = count_tokens(text);
        }
        if (cost > budget - used_) return false;
        s.outline_text = std::move(text);
        s.outline_tokens = cost;
        used_ += cost;
        if (s.mode == State::Mode::none) s.mode = State::Mode::outline;
        return true;
    }

    // Outlines are for breadth: a file the ranking placed just below the verbatim ones is often
    // the one edited, and an outline lets the model name it and its definitions. So outlines of the
    // rest of excerpted files take at most a third of what is left, and the ranked files that are not
    // shown get compact outlines first (their main definitions), fuller ones only near the top.
    void outline_pass(std::int64_t budget)
    {
        const std::int64_t rest_limit = used_ + (budget - used_) / 3;
        for (std::size_t i : region_files_) {
            if (states_[i].mode == State::Mode::regions) add_outline(i, rest_limit, kMaxRestOutlineEntries);
        }
        std::size_t considered = 0;
        for (std::size_t i = 0; i < in_.files.size() && considered < kMaxOutlinedFiles; ++i) {
            const PackFile& f = in_.files[i];
            if (states_[i].mode != State::Mode::none || !f.analysis || f.score <= 0) continue;
            if (f.analysis->kind != FileKind::code && f.analysis->kind != FileKind::test) continue;
            if (budget - used_ < 40) break;
            add_outline(i, budget, considered < 3 ? 24 : considered < 10 ? 8 : 4);
            ++considered;
        }
    }

    void listing_pass(std::int64_t budget)
    {
        std::vector<std::size_t> chosen;
        std::int64_t cost = count_tokens(render_listing({}, 1));
        std::size_t unlisted = 0;
        for (std::size_t i = 0; i < in_.files.size(); ++i) {
            if (states_[i].mode != State::Mode::none) continue;
            const std::int64_t line = count_tokens(in_.files[i].path) + 1;
            if (used_ + cost + line > budget) {
                ++unlisted;
                continue;
            }
            cost += line;
            chosen.push_back(i);
        }
        if (chosen.empty()) return;
        std::vector<std::string> paths;
        for (std::size_t i : chosen) {
            states_[i].mode = State::Mode::listed;
            paths.push_back(in_.files[i].path);
        }
        std::sort(paths.begin(), paths.end());
        listing_text_ = render_listing(paths, unlisted);
        listing_tokens_ = count_tokens(listing_text_);
        used_ += listing_tokens_;
    }

    Result<ContextPack> pack_result(const std::string& intro)
    {
        ContextPack pack;
        pack.budget = in_.budget;
        // Reading order: listing, outlines, then verbatim code from least to most relevant, so the
        // code most likely to be edited sits last, right before the instructions that follow the
        // context: models attend best to the start and the end of a long prompt, and the end is
        // where the task is restated.
        std::string text = intro + listing_text_;
        for (std::size_t k = in_.files.size(); k-- > 0;) {
            if (states_[k].mode == State::Mode::outline) text += states_[k].outline_text;
        }
        for (std::size_t k = in_.files.size(); k-- > 0;) {
            const State& s = states_[k];
            if (s.mode == State::Mode::full || s.mode == State::Mode::regions) {
                text += s.outline_text;
                text += s.verbatim_text.empty() ? regions_text(k) : s.verbatim_text;
            }
        }
        for (std::size_t i = 0; i < in_.files.size(); ++i) {
            const State& s = states_[i];
            if (s.mode == State::Mode::none) continue;
            ShownFile shown;
            shown.path = in_.files[i].path;
            shown.score = in_.files[i].score;
            shown.why = in_.files[i].why;
            if (in_.files[i].analysis) shown.kind = in_.files[i].analysis->kind;
            shown.tokens = s.verbatim_tokens + s.outline_tokens;
            switch (s.mode) {
            case State::Mode::full: shown.mode = ShowMode::full; break;
            case State::Mode::regions:
                shown.mode = ShowMode::regions;
                shown.regions = s.regions;
                break;
            case State::Mode::outline: shown.mode = ShowMode::outline; break;
            default: shown.mode = ShowMode::listed; shown.tokens = count_tokens(shown.path) + 1; break;
            }
            pack.files.push_back(std::move(shown));
        }
        pack.total_tokens = count_tokens(text);
        pack.text = std::move(text);
        if (pack.total_tokens > pack.budget) {
            return make_error(ErrorKind::internal, "context packing overran its budget (" + std::to_string(pack.total_tokens) +
                                                       " > " + std::to_string(pack.budget) + ")");
        }
        return pack;
    }

    std::string regions_text(std::size_t i)
    {
        Loaded* l = load(i);
        return render_regions(in_.files[i].path, l->content, l->offsets, states_[i].regions, l->lines);
    }

    const PackInput& in_;
    std::vector<State> states_;
    std::map<std::size_t, std::optional<Loaded>> loaded_;
    std::vector<std::size_t> region_files_;
    std::int64_t available_ = 0;
    std::int64_t used_ = 0;
    std::string listing_text_;
    std::int64_t listing_tokens_ = 0;
};

} // namespace

Result<ContextPack> pack_context(const PackInput& input)
{
    return Packer(input).run();
}

} // namespace oneshot::context
