// One task through the whole pipeline: context, prompt, model, patch, commit on a new branch, tests.
#include "cli/pipeline.hpp"

#include "cli/edit_scope.hpp"
#include "cli/environment.hpp"
#include "cli/land.hpp"
#include "context/engine.hpp"
#include "core/interrupt.hpp"
#include "model/client.hpp"
#include "patch/engine.hpp"
#include "patch/schema.hpp"
#include "prompt/builder.hpp"
#include "repo/git_base_files.hpp"
#include "repo/git_source_tree.hpp"

#include "model/profiles.hpp"
#include "model/text_answer.hpp"

#include <algorithm>
#include <filesystem>

namespace oneshot::cli {

namespace {

Result<model::ModelConfig> model_config(const Settings& settings, const Options& options)
{
    model::ModelConfig config;
    config.provider = settings.provider;
    config.model = settings.model;
    config.base_url = settings.base_url;
    config.api_key = settings.api_key;
    config.effort = settings.effort;
    config.stream = !options.no_stream;
    config.background = options.background;
    config.quiet = options.quiet;
    if (options.timeout_s > 0) config.timeout_s = options.timeout_s;
    if (options.idle_timeout_s > 0) config.idle_timeout_s = options.idle_timeout_s;
    config.record_dir = options.record_dir;
    config.replay_dir = options.replay_dir;
    config.answer_format = settings.answer_format.empty() ? model::profile_for(settings.model).default_answer_format
                                                          : settings.answer_format;
    if (config.api_key.empty() && config.replay_dir.empty()) {
        const bool local = config.base_url.find("://127.") != std::string::npos || config.base_url.find("://localhost") != std::string::npos;
        if (!local) {
            return make_error(ErrorKind::config, std::string("no API key: set ") +
                                                     (config.provider == "anthropic" ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY"));
        }
    }
    return config;
}

} // namespace

std::int64_t context_budget(const Settings& settings)
{
    if (settings.budget) return *settings.budget;
    // Half of what the window leaves after the answer: room for instructions, and a prompt that
    // long-context models still read well; capped, because more context costs more than it helps.
    const auto& profile = model::profile_for(settings.model);
    const std::int64_t room = (profile.context_window - profile.default_output_tokens) / 2;
    return std::clamp<std::int64_t>(room, 8000, 100000);
}

RunReport run_task(const TaskInput& input_task, const Options& options)
{
    RunReport report;
    const auto fail = [&](Error error) {
        report.status = RunStatus::error;
        report.error = std::move(error);
        return report;
    };
    const std::string& task = input_task.task;
    if (task.find_first_not_of(" \t\r\n") == std::string::npos) return fail(make_error(ErrorKind::usage, "the task is empty"));
    auto repository = repo::Repository::discover(input_task.repo_dir);
    if (!repository) return fail(repository.take_error());
    auto settings = resolve_settings(options.flags, process_environment(), git_config_of(*repository));
    if (!settings) return fail(settings.take_error());
    auto base = repository->resolve_commit(input_task.base);
    if (!base) return fail(base.take_error());
    report.base = repo::oid_hex(*base);
    auto branch = choose_branch(*repository, input_task.branch, settings->branch_prefix, task);
    if (!branch) return fail(branch.take_error());
    auto config = model_config(*settings, options);
    if (!config) return fail(config.take_error());

    // 1. context, from the base revision only.
    auto tree = repo::GitSourceTree::load(*repository, *base);
    if (!tree) return fail(tree.take_error());
    context::ContextRequest request{task, context_budget(*settings), input_task.include};
    auto pack = context::build_context(*tree, request);
    if (!pack) return fail(pack.take_error());
    if (interrupt_requested()) return fail(make_error(ErrorKind::interrupted, "interrupted"));

    // 2-3. prompt and model.
    prompt::PromptInput input;
    input.task = task;
    input.context = &pack.value();
    input.schema = patch::strict_answer_schema();
    if (config->answer_format == "text") {
        input.format = prompt::AnswerFormat::text;
        input.text_format_rules = std::string(model::text_answer_instructions());
    }
    const model::Prompt prompt = prompt::build_prompt(input);
    auto answer = model::ask(*config, prompt);
    if (!answer) return fail(answer.take_error());
    report.model = ModelInfo{answer->provider, answer->model, answer->usage, answer->cost_usd};

    // 4. patch: parse, hold to what the model saw, resolve against the base.
    auto document = patch::parse_document(answer->text);
    if (!document) return fail(document.take_error());
    if (auto scope = check_edit_scope(*document, *pack); !scope) return fail(scope.take_error());
    auto base_tree = repository->commit_tree(*base);
    if (!base_tree) return fail(base_tree.take_error());
    repo::GitBaseFiles files(*repository, std::move(base_tree.value()));
    auto resolved = patch::resolve(*document, files);
    if (!resolved) return fail(resolved.take_error());
    if (interrupt_requested()) return fail(make_error(ErrorKind::interrupted, "interrupted"));

    // 5-6. commit, branch, tests.
    LandOptions land;
    land.branch = *branch;
    land.run_tests = !options.no_test;
    land.verify.command = settings->test_command;
    land.verify.timeout_s = settings->test_timeout_s;
    land.trailers = {{"Generated-by", "git-oneshot " ONESHOT_VERSION " (" + answer->provider + "/" + answer->model + ")"}};
    land_change(*repository, *base, *resolved, land, report);
    return report;
}

} // namespace oneshot::cli
