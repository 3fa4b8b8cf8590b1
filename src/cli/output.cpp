#include "cli/output.hpp"

#include "cli/patch_output.hpp"
#include "core/json_text.hpp"
#include "core/utf8.hpp"
#include "repo/branch.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace oneshot::cli {

namespace {

// --output and --no-branch, once the commit exists: the mbox first, then (with --no-branch) the
// branch goes, so the repository keeps no ref and the patch is the only product.
Status write_patch(RunReport& report, const Options& options)
{
    if (options.output.empty() || !report.commit) return Ok{};
    auto repository = repo::Repository::discover(std::filesystem::current_path());
    if (!repository) return repository.take_error();
    auto mbox = mbox_for_commit(*repository, report.base, *report.commit, report.model);
    if (!mbox) return mbox.take_error();
    if (auto written = write_output(options.output, *mbox); !written) return written;
    if (options.no_branch && report.branch) {
        git_oid commit;
        if (git_oid_fromstr(&commit, report.commit->c_str()) == 0) repo::delete_branch_if_at(*repository, *report.branch, commit);
        report.branch.reset();
    }
    return Ok{};
}

} // namespace

int finish(const RunReport& original, const Options& options)
{
    RunReport report = original;
    if (auto written = write_patch(report, options); !written) {
        std::fprintf(stderr, "git-oneshot: %s\n", written.error().message.c_str());
        if (!report.error) report.error = written.error();
        report.status = RunStatus::error;
    }
    if (options.json) {
        std::cout << json_text(to_json(report)) << std::endl;
        // People still deserve to see a failure's details when stdout goes to a script.
        if (report.status == RunStatus::failed || report.status == RunStatus::error) {
            if (!options.quiet) std::fputs(human_summary(report).c_str(), stderr);
        }
    } else {
        std::fputs(human_summary(report).c_str(), stderr);
    }
    return exit_code_for(report);
}

int finish_after_exception(std::string_view what, const Options& options)
{
    RunReport report;
    report.error = make_error(ErrorKind::internal, "internal error (please report it): " + utf8_truncate(what, 500));
    if (options.json) std::cout << json_text(to_json(report)) << std::endl;
    std::fprintf(stderr, "git-oneshot: %s\n", report.error->message.c_str());
    return exit_code_for(report);
}

} // namespace oneshot::cli
