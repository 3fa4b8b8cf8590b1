#include "cli/app.hpp"

#include "cli/batch_command.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "core/interrupt.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace oneshot::cli {

namespace {

void add_model_options(CLI::App& command, Options& o)
{
    command.add_option("--model", o.flags.model, "Model name (oneshot.model)");
    command.add_option("--provider", o.flags.provider, "openai (Responses API), openai-chat (Chat Completions) or anthropic");
    command.add_option("--base-url", o.flags.base_url, "API base URL (OPENAI_BASE_URL / ANTHROPIC_BASE_URL, oneshot.baseUrl)");
    command.add_option("--effort", o.flags.effort, "Reasoning effort: low, medium or high");
    command.add_option("--answer-format", o.flags.answer_format, "How the model writes the patch: json or text");
    command.add_option("--attempts", o.flags.attempts, "At most N model rounds: repair rounds only after a failure (default 2; oneshot.attempts)")
        ->check(CLI::Range(1, kMaxAttempts));
    command.add_option("--candidates", o.candidates, "Ask for N candidate patches")->check(CLI::Range(1, 10));
    command.add_option("--judge", o.judge_model, "When tests cannot separate candidates, a reviewer model (default: --model) picks one; write --judge=MODEL")
        ->expected(0, 1);
    command.add_flag("--no-stream", o.no_stream, "One plain JSON response instead of a stream");
    command.add_flag("--background", o.background, "Responses API: submit, then poll");
    command.add_option("--timeout", o.timeout_s, "Overall deadline for the model, in seconds")->check(CLI::PositiveNumber);
    command.add_option("--idle-timeout", o.idle_timeout_s, "A stream silent this long is a failed attempt, in seconds")->check(CLI::PositiveNumber);
    command.add_option("--record", o.record_dir, "Store each model exchange in DIR");
    command.add_option("--replay", o.replay_dir, "Answer from exchanges recorded in DIR, with no network");
    command.add_flag("--localize", o.localize, "First ask the model, cheaply, which files and symbols to show verbatim");
    command.add_flag("--no-syntax-gate", o.no_syntax_gate, "Do not refuse an answer for new syntax errors: let the tests judge it");
}

void add_context_options(CLI::App& command, Options& o)
{
    command.add_option("--budget", o.flags.budget, "Context size in tokens (oneshot.budget)");
    command.add_option("--include", o.include, "Always show this path in full (repeatable)");
    command.add_option("--base", o.base, "Base revision (default HEAD)");
}

void add_landing_options(CLI::App& command, Options& o)
{
    command.add_option("--branch", o.branch, "Name of the new branch (default oneshot/<slug>)");
    command.add_option("--test-cmd", o.flags.test_command, "Test command (oneshot.testCommand; default: detected)");
    command.add_option("--test-timeout", o.flags.test_timeout, "Seconds before the tests are killed (oneshot.testTimeout)")->check(CLI::PositiveNumber);
    command.add_option("--test-retries", o.flags.test_retries, "Re-runs that tell flaky tests from broken ones (default 2; oneshot.testRetries)")
        ->check(CLI::Range(0, kMaxTestRetries));
    command.add_flag("--no-test", o.no_test, "Do not run tests");
    auto* sandbox = command.add_flag("--sandbox", o.sandbox, "Require the test sandbox (the default where bubblewrap runs): fail when it cannot run");
    command.add_flag("--no-sandbox", o.no_sandbox, "Run the tests without bubblewrap (their environment is still scrubbed of secrets)")->excludes(sandbox);
    command.add_flag("--test-network", o.test_network, "Let the sandboxed tests use the network");
    command.add_flag("--allow-dependency-changes", o.allow_dependency_changes,
                     "Install the dependencies of a change that alters manifests or lockfiles (oneshot.allowDependencyChanges)");
    command.add_flag("--json", o.json, "Print the run report as JSON on stdout");
    command.add_option("--output", o.output, "Also write the change as a git format-patch mbox to FILE (- for stdout)");
    command.add_flag("--no-branch", o.no_branch, "Create no branch: only the --output patch")->needs("--output");
    command.add_flag("-q,--quiet", o.quiet, "No progress on stderr");
}

bool is_command(const char* word)
{
    for (const char* name : {"run", "context", "apply", "batch", "help"}) {
        if (std::strcmp(word, name) == 0) return true;
    }
    return false;
}

} // namespace

int run(int argc, char** argv)
{
    install_interrupt_handlers();
    // `git oneshot TASK` means `git oneshot run TASK`: insert "run" unless a command or a
    // top-level flag comes first.
    std::vector<std::string> args(argv, argv + argc);
    if (args.size() > 1 && !is_command(args[1].c_str()) && args[1] != "--help" && args[1] != "-h" && args[1] != "--version") {
        args.insert(args.begin() + 1, "run");
    }
    if (args.size() > 1 && args[1] == "help") args[1] = "--help";

    Options o;
    CLI::App app{"git-oneshot: one natural-language task in, one tested commit on a new branch out.", "git-oneshot"};
    app.set_version_flag("--version", std::string("git-oneshot ") + ONESHOT_VERSION);
    app.require_subcommand(1);

    auto* run_cmd = app.add_subcommand("run", "The whole pipeline: context, model, patch, commit on a new branch, tests");
    run_cmd->add_option("task", o.task, "The task, or - to read it from stdin")->required();
    add_model_options(*run_cmd, o);
    add_context_options(*run_cmd, o);
    add_landing_options(*run_cmd, o);

    auto* context_cmd = app.add_subcommand("context", "Show what would be sent to the model for TASK");
    context_cmd->add_option("task", o.task, "The task, or - to read it from stdin")->required();
    add_context_options(*context_cmd, o);
    context_cmd->add_option("--model", o.flags.model, "Model whose context window sets the default budget");
    context_cmd->add_flag("--json", o.json, "Print {files, total_tokens, budget} as JSON");
    context_cmd->add_flag("--localize", o.localize, "First ask the model, cheaply, which files and symbols to show verbatim");
    context_cmd->add_option("--provider", o.flags.provider, "For --localize: openai, openai-chat or anthropic");
    context_cmd->add_option("--base-url", o.flags.base_url, "For --localize: API base URL");
    context_cmd->add_option("--record", o.record_dir, "For --localize: store the model exchange in DIR");
    context_cmd->add_option("--replay", o.replay_dir, "For --localize: answer from exchanges recorded in DIR");
    context_cmd->add_flag("-q,--quiet", o.quiet, "No progress on stderr");

    auto* apply_cmd = app.add_subcommand("apply", "Apply a patch document (no model) on a new branch");
    apply_cmd->add_option("patch", o.patch_file, "The patch document (JSON), or - for stdin")->required();
    apply_cmd->add_option("--base", o.base, "Base revision (default HEAD)");
    apply_cmd->add_flag("--check", o.check, "Validate and resolve only; create nothing");
    apply_cmd->add_flag("--allow-git-files", o.allow_git_files, "Let the patch change .gitattributes, .gitignore or .gitmodules (refused otherwise)");
    add_landing_options(*apply_cmd, o);

    BatchArgs batch_args;
    auto* batch_cmd = app.add_subcommand("batch", "Many tasks from a JSONL file, each on its own branch, resumable");
    batch_cmd->add_option("tasks", batch_args.tasks_file, "TASKS.jsonl: one {\"id\", \"task\"} object per line");
    batch_cmd->add_option("--jobs,-j", batch_args.jobs, "Tasks in flight at once (test runs are bounded by cores)")->check(CLI::Range(1, 256));
    batch_cmd->add_option("--report", batch_args.report_file, "Report file (default TASKS.report.jsonl)");
    batch_cmd->add_option("--summary", batch_args.summary_file, "Write the Markdown summary here instead of stderr");
    batch_cmd->add_flag("--resume", batch_args.resume, "Continue a batch: skip recorded tasks, redo unfinished ones");
    batch_cmd->add_option("--shard", batch_args.shard, "Take share I of N (1-based), by a stable hash of the id");
    batch_cmd->add_option("--max-cost", batch_args.max_cost_usd, "Start no new task once the batch has cost USD")->check(CLI::NonNegativeNumber);
    batch_cmd->add_option("--max-tasks", batch_args.max_tasks, "Start at most N tasks in this run")->check(CLI::Range(0, 1 << 30));
    batch_cmd->add_option("--merge-reports", batch_args.merge_reports, "Print the merged records of report files (shards) on stdout");
    add_model_options(*batch_cmd, o);
    batch_cmd->add_option("--budget", o.flags.budget, "Context size in tokens (oneshot.budget)");
    batch_cmd->add_option("--base", o.base, "Base revision in every repository (default HEAD)");
    add_landing_options(*batch_cmd, o);
    batch_cmd->remove_option(batch_cmd->get_option("--branch"));
    batch_cmd->remove_option(batch_cmd->get_option("--json"));

    std::vector<char*> raw;
    for (auto& arg : args) raw.push_back(arg.data());
    try {
        app.parse(static_cast<int>(raw.size()), raw.data());
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;   // usage errors: exit 2 (design.md)
    }
    if (o.output == "-" && o.json) {
        std::fputs("git-oneshot: --output - and --json both want stdout; write the patch to a file\n", stderr);
        return 2;
    }
    o.judge = run_cmd->count("--judge") + batch_cmd->count("--judge") > 0;
    const auto guarded = [&o](auto&& command) -> int {
        try {
            return command();
        } catch (const std::exception& e) {
            return finish_after_exception(e.what(), o);
        } catch (...) {
            return finish_after_exception("an exception of unknown type", o);
        }
    };
    if (run_cmd->parsed()) return guarded([&] { return run_command(o); });
    if (context_cmd->parsed()) return guarded([&] { return context_command(o); });
    if (apply_cmd->parsed()) return guarded([&] { return apply_command(o); });
    if (batch_cmd->parsed()) return guarded([&] { return batch_command(o, batch_args); });
    return 2;
}

} // namespace oneshot::cli
