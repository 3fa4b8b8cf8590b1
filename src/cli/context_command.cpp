// `git oneshot context TASK`: what the model would be shown, and why.
#include "cli/environment.hpp"
#include "cli/localize.hpp"
#include "cli/options.hpp"
#include "cli/pipeline.hpp"
#include "cli/run_report.hpp"
#include "context/engine.hpp"
#include "core/json_text.hpp"
#include "repo/git_source_tree.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace oneshot::cli {

namespace {

const char* mode_name(context::ShowMode mode)
{
    switch (mode) {
    case context::ShowMode::full: return "full";
    case context::ShowMode::regions: return "regions";
    case context::ShowMode::outline: return "outline";
    case context::ShowMode::listed: return "listed";
    }
    return "listed";
}

void print_human(const context::ContextPack& pack)
{
    // Bundled code first: it explains why files in it rank low.
    for (const auto& root : pack.vendored) {
        std::printf("%-8s %s  -- %s\n", std::string(context::to_string(root.kind)).c_str(), root.path.c_str(), root.reason.c_str());
    }
    std::size_t listed = 0;
    for (const auto& file : pack.files) {
        if (file.mode == context::ShowMode::listed) {
            ++listed;
            continue;
        }
        std::string regions;
        for (const auto& [first, last] : file.regions) {
            regions += (regions.empty() ? " lines " : ",") + std::to_string(first) + "-" + std::to_string(last);
        }
        std::printf("%-8s %-6s %7lld tok  %6.2f  %s%s%s%s\n", mode_name(file.mode), std::string(context::contract_kind(file.kind)).c_str(),
                    static_cast<long long>(file.tokens), file.score, file.path.c_str(), regions.c_str(), file.why.empty() ? "" : "  -- ",
                    file.why.c_str());
    }
    std::printf("%zu more files listed by path only\n", listed);
    std::printf("total %lld of %lld tokens\n", static_cast<long long>(pack.total_tokens), static_cast<long long>(pack.budget));
}

} // namespace

int context_command(const Options& options)
{
    const auto fail = [](const Error& error) {
        std::fprintf(stderr, "git-oneshot: error (%s): %s\n", std::string(to_string(error.kind)).c_str(), error.message.c_str());
        return exit_code_for(error.kind);
    };
    auto task = read_task(options.task);
    if (!task) return fail(task.error());
    auto repository = repo::Repository::discover(std::filesystem::current_path());
    if (!repository) return fail(repository.error());
    auto settings = resolve_settings(options.flags, process_environment(), git_config_of(*repository));
    if (!settings) return fail(settings.error());
    auto base = repository->resolve_commit(options.base);
    if (!base) return fail(base.error());
    auto tree = repo::GitSourceTree::load(*repository, *base);
    if (!tree) return fail(tree.error());

    context::ContextRequest request;
    request.task = *task;
    request.budget = context_budget(*settings);
    request.include = options.include;
    if (options.localize) {
        auto config = model_config(*settings, options);
        if (!config) return fail(config.error());
        model::Spending spent;
        auto focus = localize(*tree, request, *config, spent);
        if (!focus) return fail(focus.error());
        request.focus = std::move(*focus);
    }
    auto pack = context::build_context(*tree, request);
    if (!pack) return fail(pack.error());
    if (options.json) {
        std::cout << json_text(context::to_json(*pack)) << "\n";
    } else {
        print_human(*pack);
    }
    return 0;
}

} // namespace oneshot::cli
