// Everything the command line can say, for every command; each command reads what it uses.
#pragma once

#include "cli/settings.hpp"

#include <string>
#include <vector>

namespace oneshot::cli {

struct Options {
    FlagValues flags;
    std::string task;                    // run, context: the task ("-" = stdin)
    std::string patch_file;              // apply
    std::vector<std::string> include;
    std::string base = "HEAD";
    std::string branch;
    bool no_test = false;
    bool no_syntax_gate = false;         // --no-syntax-gate: new parse errors do not refuse an answer
    bool sandbox = false;                // --sandbox: require bubblewrap (it is used by default where it runs)
    bool no_sandbox = false;             // --no-sandbox: tests unsandboxed (environment still scrubbed)
    bool test_network = false;           // --test-network: sandboxed tests keep the network
    bool allow_dependency_changes = false;   // --allow-dependency-changes: install a change's altered manifests
    bool json = false;
    bool check = false;                  // apply --check
    bool allow_git_files = false;        // apply --allow-git-files: .gitattributes, .gitignore, .gitmodules may change
    bool quiet = false;
    std::string output;                  // --output FILE: the change as an mbox
    bool no_branch = false;              // --no-branch: only the --output patch, no branch
    int candidates = 1;
    bool judge = false;                  // --judge [MODEL]: a reviewer model breaks ties among candidates
    std::string judge_model;             // empty: the run's model
    bool no_stream = false;
    bool background = false;
    double timeout_s = 0;                // 0: the default
    double idle_timeout_s = 0;
    std::string record_dir;
    std::string replay_dir;
    bool localize = false;               // --localize: a first, cheap request chooses what to show verbatim
};

// The default token budget for the context when none is set.
std::int64_t context_budget(const Settings& settings);

int run_command(const Options& options);
int context_command(const Options& options);
int apply_command(const Options& options);

} // namespace oneshot::cli
