#include "verify/test_command.hpp"

#include <nlohmann/json.hpp>

#include <regex>

namespace oneshot::verify {

namespace {

bool has_make_target(const std::string& makefile, const std::string& target)
{
    const std::regex rule("(^|\\n)" + target + "\\s*:");
    return std::regex_search(makefile, rule);
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
    if (script.find("no test specified") != std::string::npos) return std::nullopt;   // npm init's placeholder
    return script;
}

} // namespace

std::optional<TestCommand> detect_test_command(const std::function<std::optional<std::string>(const std::string&)>& read_root_file)
{
    if (read_root_file("CMakeLists.txt")) {
        return TestCommand{"cmake -S . -B .oneshot-build -DCMAKE_BUILD_TYPE=Debug >/dev/null && "
                           "cmake --build .oneshot-build -j2 && ctest --test-dir .oneshot-build --output-on-failure",
                           "CMakeLists.txt at the root (configure, build, ctest)"};
    }
    for (const char* name : {"GNUmakefile", "Makefile", "makefile"}) {
        if (auto makefile = read_root_file(name)) {
            if (has_make_target(*makefile, "test")) return TestCommand{"make test", std::string(name) + " has a test target"};
            if (has_make_target(*makefile, "check")) return TestCommand{"make check", std::string(name) + " has a check target"};
        }
    }
    if (auto package = read_root_file("package.json")) {
        if (npm_test_script(*package)) return TestCommand{"npm test", "package.json has a test script"};
    }
    if (read_root_file("Cargo.toml")) return TestCommand{"cargo test", "Cargo.toml at the root"};
    if (read_root_file("go.mod")) return TestCommand{"go test ./...", "go.mod at the root"};
    for (const char* name : {"pytest.ini", "pyproject.toml", "setup.py", "setup.cfg", "tox.ini", "conftest.py"}) {
        if (read_root_file(name)) return TestCommand{"python3 -m pytest -q", std::string(name) + " at the root"};
    }
    if (read_root_file("pom.xml")) return TestCommand{"mvn -q test", "pom.xml at the root"};
    if (read_root_file("gradlew")) return TestCommand{"./gradlew test", "gradlew at the root"};
    return std::nullopt;
}

} // namespace oneshot::verify
