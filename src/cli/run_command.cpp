// `git oneshot [run] TASK`.
#include "cli/environment.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/pipeline.hpp"

#include <filesystem>

namespace oneshot::cli {

int run_command(const Options& options)
{
    auto task = read_task(options.task);
    if (!task) {
        RunReport report;
        report.error = task.take_error();
        return finish(report, options);
    }
    const TaskInput input{std::filesystem::current_path(), *task, options.base, options.branch, options.include};
    return finish(run_task(input, options), options);
}

} // namespace oneshot::cli
