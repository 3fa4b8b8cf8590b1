// `git oneshot apply PATCH.json`: a patch document (no model) onto a new branch, tested.
#include "cli/environment.hpp"
#include "cli/land.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/pipeline.hpp"
#include "patch/engine.hpp"
#include "repo/git_base_files.hpp"

#include <filesystem>

namespace oneshot::cli {

namespace {

constexpr std::size_t kMaxPatchBytes = 64u << 20;

} // namespace

int apply_command(const Options& options)
{
    RunReport report;
    const auto fail = [&](Error error) {
        report.status = RunStatus::error;
        report.error = std::move(error);
        return finish(report, options);
    };
    auto text = read_input(options.patch_file, kMaxPatchBytes, "patch document");
    if (!text) return fail(text.take_error());
    auto repository = repo::Repository::discover(std::filesystem::current_path());
    if (!repository) return fail(repository.take_error());
    auto settings = resolve_settings(options.flags, process_environment(), git_config_of(*repository));
    if (!settings) return fail(settings.take_error());
    auto base = repository->resolve_commit(options.base);
    if (!base) return fail(base.take_error());
    report.base = repo::oid_hex(*base);

    auto document = patch::parse_document(*text);
    if (!document) return fail(document.take_error());
    auto tree = repository->commit_tree(*base);
    if (!tree) return fail(tree.take_error());
    repo::GitBaseFiles files(*repository, std::move(tree.value()));
    patch::ResolveOptions resolve_options;
    resolve_options.allow_git_metadata_files = options.allow_git_files;
    auto resolved = patch::resolve(*document, files, resolve_options);
    if (!resolved) return fail(resolved.take_error());
    if (options.check) {
        report.changes = resolved->changes;
        report.status = RunStatus::untested;
        return finish(report, options);
    }

    auto branch = choose_branch(*repository, options.branch, settings->branch_prefix, document->summary);
    if (!branch) return fail(branch.take_error());
    LandOptions land;
    land.branch = *branch;
    land.run_tests = !options.no_test;
    land.create_branch = !options.no_branch;
    land.verify.command = settings->test_command;
    land.verify.timeout_s = settings->test_timeout_s;
    land.verify.test_retries = settings->test_retries;
    auto sandbox = sandbox_for(options, *settings);
    if (!sandbox) return fail(sandbox.take_error());
    land.verify.sandbox = *sandbox;
    if (auto prepared = prepare_test_dependencies(*repository, *base, options, *settings, land.verify); !prepared) return fail(prepared.take_error());
    land_change(*repository, *base, *resolved, land, report);
    return finish(report, options);
}

} // namespace oneshot::cli
