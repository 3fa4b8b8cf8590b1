// Times the verify stage's temporary worktree: creation (checkout of the whole tree) and removal,
// and a trivial test process in it, on one repository. Built and run by verify_overhead.sh.
// Usage: verify_worktree_bench REPO [RUNS]
#include "repo/git_handles.hpp"
#include "repo/repository.hpp"
#include "verify/process.hpp"
#include "verify/worktree.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace oneshot;

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: verify_worktree_bench REPO [RUNS]\n");
        return 2;
    }
    repo::ensure_libgit2();
    auto repository = repo::Repository::open(argv[1]);
    if (!repository) {
        std::fprintf(stderr, "%s\n", repository.error().message.c_str());
        return 1;
    }
    auto head = repository->resolve_commit("HEAD");
    if (!head) return 1;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 3;
    using Clock = std::chrono::steady_clock;
    const auto seconds = [](Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); };
    for (int i = 0; i < runs; ++i) {
        const auto t0 = Clock::now();
        auto worktree = verify::TemporaryWorktree::create(*repository, *head);
        if (!worktree) {
            std::fprintf(stderr, "%s\n", worktree.error().message.c_str());
            return 1;
        }
        const auto t1 = Clock::now();
        verify::ProcessSpec spec;
        spec.command = "true";
        spec.cwd = worktree.value()->path();
        const auto process = verify::run_process(spec);
        const auto t2 = Clock::now();
        worktree.value().reset();
        const auto t3 = Clock::now();
        std::printf("worktree create %.3f s, test process `true` %.3f s (its own %.3f s), remove %.3f s\n", seconds(t0, t1), seconds(t1, t2),
                    process.duration_s, seconds(t2, t3));
    }
    return 0;
}
