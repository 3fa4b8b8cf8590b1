#include "verify/test_command.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string_view>

namespace oneshot::verify {

namespace {

// Out-of-source build folder inside the worktree: the worktree is removed afterwards, so the
// build leaves nothing behind, and it is never the user's own build folder. Where we choose the
// command, the runner's JUnit XML goes there too (kStructuredResults).
constexpr const char* kBuildDir = ".oneshot-build";
const std::string kPytest = "python3 -m pytest -q -rf --junitxml=" + std::string(kStructuredResults[0]);

// A rule line naming `target` among the words before its colon ("test:", "all test: deps"), not a
// variable assignment ("test := x"). A line scanner rather than std::regex, whose recursion per
// character overflows the stack on one long line of a (possibly model-written) Makefile.
bool has_make_target(const std::string& makefile, const std::string& target)
{
    std::size_t start = 0;
    while (start < makefile.size()) {
        std::size_t end = makefile.find('\n', start);
        if (end == std::string::npos) end = makefile.size();
        const std::string_view line(makefile.data() + start, end - start);
        start = end + 1;
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos || (colon + 1 < line.size() && line[colon + 1] == '=')) continue;
        const std::string_view words = line.substr(0, colon);
        if (words.find_first_of("#=") != std::string_view::npos) continue;
        std::size_t pos = 0;
        while (pos < words.size()) {
            while (pos < words.size() && (words[pos] == ' ' || words[pos] == '\t')) ++pos;
            std::size_t word_end = pos;
            while (word_end < words.size() && words[word_end] != ' ' && words[word_end] != '\t') ++word_end;
            if (words.substr(pos, word_end - pos) == target) return true;
            pos = word_end;
        }
    }
    return false;
}

bool contains(const std::string& text, const char* needle)
{
    return text.find(needle) != std::string::npos;
}

std::optional<std::string> npm_test_script(const std::string& package_json)
{
    const auto doc = nlohmann::json::parse(package_json, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
    const auto scripts = doc.find("scripts");
    if (scripts == doc.end() || !scripts->is_object()) return std::nullopt;
    const auto test = scripts->find("test");
    if (test == scripts->end() || !test->is_string()) return std::nullopt;
    const std::string script = test->get<std::string>();
    if (contains(script, "no test specified")) return std::nullopt;   // npm init's placeholder
    return script;
}

std::optional<TestCommand> node_command(const ReadRootFile& read)
{
    auto package = read("package.json");
    if (!package || !npm_test_script(*package)) return std::nullopt;
    // The lockfile says which package manager the project uses; its frozen install reproduces the
    // locked tree (the worktree starts without node_modules).
    if (read("pnpm-lock.yaml")) return TestCommand{"pnpm install --frozen-lockfile && pnpm test", "package.json has a test script; pnpm-lock.yaml"};
    if (read("yarn.lock")) return TestCommand{"yarn install --frozen-lockfile && yarn test", "package.json has a test script; yarn.lock"};
    if (read("package-lock.json")) return TestCommand{"npm ci && npm test", "package.json has a test script; package-lock.json"};
    return TestCommand{"npm install && npm test", "package.json has a test script (no lockfile)"};
}

std::optional<TestCommand> python_command(const ReadRootFile& read, const std::vector<std::string>& names)
{
    const auto has_name = [&](const char* name) { return std::find(names.begin(), names.end(), name) != names.end(); };
    if (read("pytest.ini")) return TestCommand{kPytest, "pytest.ini at the root"};
    if (read("conftest.py")) return TestCommand{kPytest, "conftest.py at the root"};
    if (auto p = read("pyproject.toml"); p && contains(*p, "[tool.pytest")) return TestCommand{kPytest, "pyproject.toml configures pytest"};
    if (auto s = read("setup.cfg"); s && contains(*s, "[tool:pytest]")) return TestCommand{kPytest, "setup.cfg configures pytest"};
    if (auto t = read("tox.ini")) {
        if (contains(*t, "[pytest]")) return TestCommand{kPytest, "tox.ini configures pytest"};
        return TestCommand{"tox", "tox.ini at the root"};
    }
    const bool python_project = read("pyproject.toml") || read("setup.py") || read("setup.cfg") || read("requirements.txt") ||
                                std::any_of(names.begin(), names.end(), [](const std::string& n) {
                                    return n.size() > 3 && n.compare(n.size() - 3, 3, ".py") == 0;
                                });
    if (python_project && (has_name("tests") || has_name("test"))) {
        const std::string dir = has_name("tests") ? "tests" : "test";
        return TestCommand{"python3 -m unittest discover -s " + dir + " -t .", "Python files and a " + dir + "/ folder (unittest)"};
    }
    if (python_project) {
        const bool test_files = std::any_of(names.begin(), names.end(), [](const std::string& n) {
            return n.rfind("test", 0) == 0 && n.size() > 3 && n.compare(n.size() - 3, 3, ".py") == 0;
        });
        if (test_files) return TestCommand{"python3 -m unittest discover", "test*.py files at the root (unittest)"};
    }
    return std::nullopt;
}

} // namespace

std::optional<TestCommand> detect_test_command(const ReadRootFile& read, const std::vector<std::string>& root_names)
{
    if (read("CMakeLists.txt")) {
        return TestCommand{std::string("cmake -S . -B ") + kBuildDir + " -DCMAKE_BUILD_TYPE=Debug >/dev/null && cmake --build " + kBuildDir +
                               " -j2 && ctest --test-dir " + kBuildDir + " --output-on-failure --output-junit \"$PWD/" + kStructuredResults[1] + "\"",
                           "CMakeLists.txt at the root (configure, build, ctest)"};
    }
    if (read("meson.build")) {
        return TestCommand{std::string("meson setup ") + kBuildDir + " >/dev/null && meson test -C " + kBuildDir + " --print-errorlogs",
                           "meson.build at the root (setup, build and test)"};
    }
    for (const char* name : {"GNUmakefile", "Makefile", "makefile"}) {
        if (auto makefile = read(name)) {
            if (has_make_target(*makefile, "test")) return TestCommand{"make test", std::string(name) + " has a test target"};
            if (has_make_target(*makefile, "check")) return TestCommand{"make check", std::string(name) + " has a check target"};
        }
    }
    if (auto node = node_command(read)) return node;
    if (read("Cargo.toml")) return TestCommand{"cargo test", "Cargo.toml at the root"};
    if (read("go.mod")) return TestCommand{"go test ./...", "go.mod at the root"};
    if (read("pom.xml")) return TestCommand{"mvn -q -B test", "pom.xml at the root (Maven)"};
    for (const char* name : {"build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts"}) {
        if (read(name)) {
            if (read("gradlew")) return TestCommand{"./gradlew test", std::string(name) + " and gradlew at the root"};
            return TestCommand{"gradle test", std::string(name) + " at the root (no wrapper)"};
        }
    }
    return python_command(read, root_names);
}

} // namespace oneshot::verify
