// The tool as a git citizen: installed with its man page (what `git help oneshot` and
// `git oneshot --help` open) and its shell completions.
#include "support/temp_repo.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <unistd.h>

using namespace oneshot::testing;

namespace {

struct Installed {
    std::filesystem::path prefix;
    Installed()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "oneshot-install-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()));
        prefix = pattern;
        const auto build_dir = std::filesystem::path(ONESHOT_BINARY).parent_path();
        shell("cmake --install " + quote(build_dir.string()) + " --prefix " + quote(prefix.string()) + " >/dev/null");
    }
    ~Installed() { std::filesystem::remove_all(prefix); }
};

} // namespace

TEST_CASE("install: git help oneshot shows the installed man page, completions are installed", "[batch][e2e]")
{
    Installed installed;
    CHECK(std::filesystem::exists(installed.prefix / "bin" / "git-oneshot"));
    CHECK(std::filesystem::exists(installed.prefix / "share" / "man" / "man1" / "git-oneshot.1"));
    CHECK(std::filesystem::exists(installed.prefix / "share" / "bash-completion" / "completions" / "git-oneshot"));
    CHECK(std::filesystem::exists(installed.prefix / "share" / "zsh" / "site-functions" / "_git-oneshot"));

    const std::string env = "PATH=" + quote((installed.prefix / "bin").string()) + ":\"$PATH\" MANPATH=" +
                            quote((installed.prefix / "share" / "man").string()) + " MANPAGER=cat PAGER=cat MANWIDTH=100 ";
    const std::string help = shell(env + "git help -m oneshot 2>&1");
    CHECK(help.find("git-oneshot - turn a natural-language task into one tested commit") != std::string::npos);
    CHECK(help.find("--merge-reports") != std::string::npos);
    const std::string dash_help = shell(env + "git oneshot --help 2>&1");
    CHECK(dash_help == help);
}

TEST_CASE("completion: bash completes commands, batch options and option values", "[batch]")
{
    const auto script = std::filesystem::path(ONESHOT_SOURCE_DIR) / "completions" / "git-oneshot.bash";
    const auto complete = [&](const std::string& words, int cword) {
        return shell("bash -c " + quote("source " + quote(script.string()) + "; COMP_WORDS=(" + words + "); COMP_CWORD=" +
                                        std::to_string(cword) + "; _git_oneshot; echo \"${COMPREPLY[*]}\""));
    };
    CHECK(complete("git oneshot ba", 2) == "batch\n");
    CHECK(complete("git oneshot batch --sh", 3) == "--shard\n");
    CHECK(complete("git oneshot batch --merge", 3) == "--merge-reports\n");
    CHECK(complete("git-oneshot run --effort h", 3) == "high\n");
    CHECK(complete("git oneshot apply --ch", 3) == "--check\n");
}
