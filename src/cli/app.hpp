// Command-line dispatch: parses arguments, runs a command, maps errors to the contract's exit codes.
#pragma once

namespace oneshot::cli {

int run(int argc, char** argv);

} // namespace oneshot::cli
