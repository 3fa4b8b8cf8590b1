// --sandbox: bubblewrap's argument list, and (where bubblewrap is installed) that the tests really
// run without network and with nothing writable but their worktree.
#include "verify/process.hpp"
#include "verify/sandbox.hpp"

#include "support/fake_server.hpp"
#include "support/run_tool.hpp"
#include "support/temp_repo.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

using namespace oneshot::verify;
using namespace oneshot::testing;

namespace {

HostLayout fake_host()
{
    HostLayout host;
    host.system_dirs = {"/usr", "/etc"};
    host.symlinks = {{"/bin", "usr/bin"}};
    host.home = "/home/u";
    host.toolchains = {"/home/u/.rustup"};
    host.hidden_files = {"/etc/shadow"};
    return host;
}

long index_of(const std::vector<std::string>& argv, const std::vector<std::string>& words)
{
    const auto it = std::search(argv.begin(), argv.end(), words.begin(), words.end());
    return it == argv.end() ? -1 : it - argv.begin();
}

} // namespace

TEST_CASE("sandbox: the argument list is tight: own session, namespaces, no capabilities, tmpfs over home and temp", "[verify]")
{
    SandboxConfig config;
    config.bwrap = "/usr/bin/bwrap";
    config.read_only = {{"/repo/.git", "/repo/.git"}, {"/cache/node_modules", "node_modules"}};
    const auto argv = sandbox_argv(config, fake_host(), "/tmp/wt/checkout", "make test");
    CHECK(argv.front() == "/usr/bin/bwrap");
    for (const char* flag : {"--new-session", "--die-with-parent", "--unshare-all"}) CHECK(index_of(argv, {flag}) > 0);
    CHECK(index_of(argv, {"--share-net"}) == -1);
    CHECK(index_of(argv, {"--cap-drop", "ALL"}) > 0);
    CHECK(index_of(argv, {"--ro-bind", "/", "/"}) == -1);   // never the whole host
    CHECK(index_of(argv, {"--ro-bind", "/usr", "/usr"}) > 0);
    CHECK(index_of(argv, {"--symlink", "usr/bin", "/bin"}) > 0);
    CHECK(index_of(argv, {"--ro-bind", "/dev/null", "/etc/shadow"}) > index_of(argv, {"--ro-bind", "/etc", "/etc"}));
    CHECK(index_of(argv, {"--proc", "/proc"}) > 0);
    CHECK(index_of(argv, {"--dev", "/dev"}) > 0);
    for (const char* dir : {"/tmp", "/var/tmp", "/run", "/home/u"}) CHECK(index_of(argv, {"--tmpfs", dir}) > 0);
    // The toolchain on top of the home tmpfs; the worktree on top of /tmp; the prepared
    // dependencies on top of the worktree.
    CHECK(index_of(argv, {"--ro-bind", "/home/u/.rustup", "/home/u/.rustup"}) > index_of(argv, {"--tmpfs", "/home/u"}));
    const long worktree = index_of(argv, {"--bind", "/tmp/wt/checkout", "/tmp/wt/checkout"});
    CHECK(worktree > index_of(argv, {"--tmpfs", "/tmp"}));
    CHECK(index_of(argv, {"--ro-bind", "/repo/.git", "/repo/.git"}) > 0);
    CHECK(index_of(argv, {"--ro-bind", "/cache/node_modules", "/tmp/wt/checkout/node_modules"}) > worktree);
    CHECK(std::vector<std::string>(argv.end() - 3, argv.end()) == std::vector<std::string>{"/bin/sh", "-c", "make test"});

    config.network = true;
    CHECK(index_of(sandbox_argv(config, fake_host(), "/tmp/wt/checkout", "make test"), {"--share-net"}) > 0);
}

TEST_CASE("sandbox: toolchains are the known folders and PATH entries under home, never home itself", "[verify]")
{
    const std::set<std::string> present = {"/home/u/.rustup", "/home/u/.pyenv", "/home/u/.pyenv/shims", "/home/u/bin", "/home/u",
                                           "/home/u/.cargo/bin"};
    const auto dirs = toolchain_dirs("/home/u", "/home/u/.pyenv/shims:/usr/bin:/home/u/bin/:/home/u:/home/u/.cargo/bin",
                                     [&](const std::string& dir) { return present.count(dir) > 0; });
    CHECK(dirs == std::vector<std::string>{"/home/u/.rustup", "/home/u/.cargo/bin", "/home/u/.pyenv", "/home/u/bin"});
}

TEST_CASE("sandbox: under bubblewrap only the worktree is writable and only loopback exists", "[verify]")
{
    const auto bwrap = find_bubblewrap();
    if (!bwrap) {
        WARN("bubblewrap is not installed: the sandbox's behaviour is not checked here");
        return;
    }
    TempRepo outside;   // a folder that is not the worktree
    // Under /tmp the sandbox has a private tmpfs: a write there must not reach the real folder.
    const std::string tmp_probe = (outside.path() / "written-from-the-sandbox").string();
    // Elsewhere the system is read-only: a write must fail.
    const std::filesystem::path source_probe = std::filesystem::path(ONESHOT_SOURCE_DIR) / "tests" / "verify" / ".sandbox-probe";
    const std::string command = "touch ok-in-worktree && touch " + quote(tmp_probe) + " 2>/dev/null; ! touch " + quote(source_probe.string()) +
                                " 2>/dev/null && test \"$(tail -n +3 /proc/net/dev | wc -l)\" -eq 1";
    ProcessSpec spec;
    spec.command = command;
    spec.cwd = outside.path() / "wt";
    std::filesystem::create_directories(spec.cwd);
    SandboxConfig config;
    config.bwrap = bwrap->string();
    spec.argv = sandbox_argv(config, host_layout(), spec.cwd, command);
    spec.timeout_s = 30;
    const auto result = run_process(spec);
    INFO(result.output << " (exit " << result.exit_code.value_or(-1) << ")");
    CHECK(result.exit_code == 0);
    CHECK(std::filesystem::exists(spec.cwd / "ok-in-worktree"));
    CHECK_FALSE(std::filesystem::exists(tmp_probe));
    CHECK_FALSE(std::filesystem::exists(source_probe));
    std::filesystem::remove(source_probe);
}

TEST_CASE("sandbox: --sandbox without bubblewrap is a configuration error before any request", "[e2e][verify]")
{
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("a");
    FakeModelServer server("[]");
    // A PATH without bwrap (the tool itself is started by its absolute path).
    auto run = run_tool(repo.path(), "--json --provider openai --model o3 --sandbox 'do it'",
                        {{"OPENAI_BASE_URL", server.base_url()}, {"OPENAI_API_KEY", "k"}, {"PATH", "/nonexistent"}});
    CHECK(run.exit_code == 2);
    CHECK(nlohmann::json::parse(run.out)["error"]["kind"] == "config");
    CHECK(server.requests().empty());
}
