#include "support/run_tool.hpp"

#include "support/temp_repo.hpp"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sys/wait.h>
#include <unistd.h>

namespace oneshot::testing {

namespace {

std::string slurp(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

} // namespace

ToolRun run_tool(const std::filesystem::path& cwd, const std::string& args,
                 const std::vector<std::pair<std::string, std::string>>& env, const std::string& stdin_text)
{
    std::string pattern = (std::filesystem::temp_directory_path() / "oneshot-run-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) return {};
    const std::filesystem::path dir = pattern;
    {
        std::ofstream in(dir / "stdin", std::ios::binary);
        in << stdin_text;
    }
    std::string command = "cd " + quote(cwd.string()) +
                          " && env -u OPENAI_API_KEY -u ANTHROPIC_API_KEY -u OPENAI_BASE_URL -u ANTHROPIC_BASE_URL"
                          " -u ONESHOT_MODEL -u ONESHOT_PROVIDER -u ONESHOT_BUDGET -u ONESHOT_API_KEY";
    for (const auto& [key, value] : env) command += " " + key + "=" + quote(value);
    command += " " + quote(ONESHOT_BINARY) + " " + args + " <" + quote((dir / "stdin").string()) + " >" +
               quote((dir / "out").string()) + " 2>" + quote((dir / "err").string());
    const int status = std::system(command.c_str());
    ToolRun run;
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.out = slurp(dir / "out");
    run.err = slurp(dir / "err");
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
    return run;
}

} // namespace oneshot::testing
