// A stand-alone `context` command for benchmarks and the localization harness while the CLI is
// elsewhere: context_run [context] [--json] [--budget N] [--include P]... [--repeat N] [--rev REV] TASK
// Runs in the current directory's repository at REV (default HEAD). --repeat reruns build_context (warm timing).
#include "context/engine.hpp"
#include "repo/git_source_tree.hpp"
#include "repo/repository.hpp"

#include <git2.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

using namespace oneshot;

int main(int argc, char** argv)
{
    git_libgit2_init();
    context::ContextRequest request;
    bool json = false;
    int repeat = 1;
    std::string revision = "HEAD";
    std::vector<std::int64_t> budgets;   // --budgets 8000,32000: one JSON line per budget
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "context") continue;
        if (arg == "--json") json = true;
        else if (arg == "--budget" && i + 1 < argc) request.budget = std::stoll(argv[++i]);
        else if (arg == "--include" && i + 1 < argc) request.include.push_back(argv[++i]);
        else if (arg == "--repeat" && i + 1 < argc) repeat = std::stoi(argv[++i]);
        else if (arg == "--rev" && i + 1 < argc) revision = argv[++i];
        else if (arg == "--budgets" && i + 1 < argc) {
            std::string list = argv[++i];
            for (std::size_t at = 0; at < list.size();) {
                std::size_t comma = list.find(',', at);
                if (comma == std::string::npos) comma = list.size();
                budgets.push_back(std::stoll(list.substr(at, comma - at)));
                at = comma + 1;
            }
        }
        else request.task = arg;
    }
    auto t0 = std::chrono::steady_clock::now();
    auto repository = repo::Repository::discover(std::filesystem::current_path());
    if (!repository) { std::cerr << repository.error().message << "\n"; return 2; }
    auto head = repository->resolve_commit(revision);
    if (!head) { std::cerr << head.error().message << "\n"; return 2; }
    auto tree = repo::GitSourceTree::load(*repository, *head);
    if (!tree) { std::cerr << tree.error().message << "\n"; return 2; }
    auto t1 = std::chrono::steady_clock::now();
    if (!budgets.empty()) {
        for (std::int64_t budget : budgets) {
            request.budget = budget;
            auto pack = context::build_context(*tree, request);
            if (!pack) { std::cerr << pack.error().message << "\n"; return 1; }
            std::cout << context::to_json(*pack).dump() << "\n";
        }
        return 0;
    }
    Result<context::ContextPack> pack = make_error(ErrorKind::internal, "not run");
    for (int r = 0; r < repeat; ++r) {
        auto s = std::chrono::steady_clock::now();
        pack = context::build_context(*tree, request);
        auto e = std::chrono::steady_clock::now();
        std::cerr << "build_context " << std::chrono::duration<double>(e - s).count() << " s\n";
    }
    std::cerr << "load tree " << std::chrono::duration<double>(t1 - t0).count() << " s (" << tree->files().size() << " files)\n";
    if (!pack) { std::cerr << pack.error().message << "\n"; return 1; }
    if (json) std::cout << context::to_json(*pack).dump() << "\n";
    else std::cout << pack->text;
    return 0;
}
