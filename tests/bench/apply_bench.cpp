// Times the patch engine on a real repository: parse a patch document, resolve it against HEAD's
// tree through libgit2 (blob reads, path checks, matching), the review diff and the syntax gate.
// Built with ONESHOT_BENCH=ON; run by apply_bench.sh, which makes a kernel-sized repository and a
// 50-file patch. Usage: apply_bench REPO PATCH.json [RUNS]
#include "patch/engine.hpp"
#include "patch/syntax_gate.hpp"
#include "patch/unified_diff.hpp"
#include "repo/git_base_files.hpp"
#include "repo/git_handles.hpp"
#include "repo/repository.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace oneshot;

namespace {

using Clock = std::chrono::steady_clock;

double ms(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double, std::milli>(b - a).count();
}

void report(const char* phase, std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    std::printf("%-28s median %8.2f ms   max %8.2f ms\n", phase, samples[samples.size() / 2], samples.back());
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: apply_bench REPO PATCH.json [RUNS]\n");
        return 2;
    }
    repo::ensure_libgit2();
    auto repository = repo::Repository::open(argv[1]);
    if (!repository) {
        std::fprintf(stderr, "%s\n", repository.error().message.c_str());
        return 1;
    }
    std::ifstream in(argv[2], std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string json = text.str();
    const int runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 20;
    auto head = repository->resolve_commit("HEAD");
    if (!head) return 1;

    std::vector<double> parse_ms, resolve_ms, diff_ms, syntax_ms, total_ms;
    std::size_t files = 0, bytes = 0, notes = 0;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = Clock::now();
        auto document = patch::parse_document(json);
        if (!document) {
            std::fprintf(stderr, "%s\n", document.error().message.c_str());
            return 1;
        }
        const auto t1 = Clock::now();
        auto tree = repository->commit_tree(*head);
        if (!tree) return 1;
        repo::GitBaseFiles base(*repository, std::move(tree.value()));
        auto resolved = patch::resolve(*document, base);
        if (!resolved) {
            std::fprintf(stderr, "%s\n%s\n", resolved.error().message.c_str(), resolved.error().detail.c_str());
            return 1;
        }
        const auto t2 = Clock::now();
        auto diffs = patch::file_diffs(*resolved, base);
        if (!diffs) return 1;
        const std::string diff = patch::unified_diff(*diffs);
        const auto t3 = Clock::now();
        auto syntax = patch::check_patch_syntax(*resolved, base);
        if (!syntax) return 1;
        const auto t4 = Clock::now();
        parse_ms.push_back(ms(t0, t1));
        resolve_ms.push_back(ms(t1, t2));
        diff_ms.push_back(ms(t2, t3));
        syntax_ms.push_back(ms(t3, t4));
        total_ms.push_back(ms(t0, t2));
        files = resolved->ops.size();
        bytes = diff.size();
        notes = resolved->notes.size();
    }
    std::printf("patch: %zu file ops, %zu tolerant matches, diff %zu bytes, %d runs\n", files, notes, bytes, runs);
    report("parse_document", parse_ms);
    report("resolve (libgit2 reads)", resolve_ms);
    report("parse + resolve", total_ms);
    report("review diff", diff_ms);
    report("syntax gate (2 parses/file)", syntax_ms);
    return 0;
}
