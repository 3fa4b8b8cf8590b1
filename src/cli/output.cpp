#include "cli/output.hpp"

#include <cstdio>
#include <iostream>

namespace oneshot::cli {

int finish(const RunReport& report, const Options& options)
{
    if (options.json) {
        std::cout << to_json(report).dump() << std::endl;
        // People still deserve to see a failure's details when stdout goes to a script.
        if (report.status == RunStatus::failed || report.status == RunStatus::error) {
            if (!options.quiet) std::fputs(human_summary(report).c_str(), stderr);
        }
    } else {
        std::fputs(human_summary(report).c_str(), stderr);
    }
    return exit_code_for(report);
}

} // namespace oneshot::cli
