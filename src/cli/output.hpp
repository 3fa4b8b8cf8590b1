// How a command ends: the report on stdout (--json) or stderr (people), and the exit code.
#pragma once

#include "cli/options.hpp"
#include "cli/run_report.hpp"

namespace oneshot::cli {

int finish(const RunReport& report, const Options& options);

} // namespace oneshot::cli
