#include "cli/localize.hpp"

#include "prompt/localize.hpp"

#include <algorithm>
#include <cstdio>
#include <unordered_set>

namespace oneshot::cli {

Result<std::vector<context::FocusFile>> localize(const context::SourceTree& tree, const context::ContextRequest& request,
                                                 model::ModelConfig config, model::Spending& spent)
{
    context::ContextRequest map_request{request.task, prompt::localize_map_budget(request.budget), {}, {}};
    auto map = context::build_context(tree, map_request);
    if (!map) return map.take_error();
    // Choosing files is an easy question for a reasoning model: little effort, a JSON answer.
    config.effort = "low";
    config.answer_format = "json";
    auto answer = model::ask(config, prompt::localize_prompt(request.task, *map), spent);
    if (!answer) return answer.take_error();

    std::unordered_set<std::string_view> paths;
    for (const auto& file : tree.files()) paths.insert(file.path);
    std::vector<std::string> dropped;
    auto focus = prompt::parse_focus(answer->text, [&](std::string_view path) { return paths.contains(path); }, dropped);
    if (!focus) return focus.take_error();
    if (!config.quiet) {
        for (const auto& path : dropped) std::fprintf(stderr, "git-oneshot: --localize: the model named %s, which is not in the tree\n", path.c_str());
    }
    return focus;
}

} // namespace oneshot::cli
