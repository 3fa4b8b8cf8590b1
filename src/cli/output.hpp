// How a command ends: the report on stdout (--json) or stderr (people), and the exit code.
#pragma once

#include "cli/options.hpp"
#include "cli/run_report.hpp"

#include <string_view>

namespace oneshot::cli {

int finish(const RunReport& report, const Options& options);

// The last resort at the top of a command: an exception that escaped (a bug of ours) becomes an
// `internal` error report (on stdout with --json) and exit 70, never an abort with a core dump.
int finish_after_exception(std::string_view what, const Options& options);

} // namespace oneshot::cli
