// Where we choose the command, the runner's JUnit XML names the failing tests; the text parsers
// are the fallback for commands we did not choose.
#include "verify/verifier.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

using namespace oneshot::verify;
using Names = std::vector<std::string>;

namespace {

struct Folder {
    std::filesystem::path path;
    Folder()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "oneshot-structured-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()));
        path = pattern;
    }
    ~Folder() { std::filesystem::remove_all(path); }
};

} // namespace

TEST_CASE("structured results: our command's JUnit XML names the tests, not its text", "[verify]")
{
    Folder dir;
    // What `pytest --junitxml` writes for a parameter id with spaces, and a summary line that the
    // text parser would read differently.
    const std::string command =
        "mkdir -p .oneshot-build && printf '%s' '<testsuite><testcase classname=\"tests.test_a\" name=\"test_p[test5- cat ]\">"
        "<failure message=\"x\"/></testcase><testcase classname=\"tests.test_a\" name=\"test_ok\"/></testsuite>' > " +
        std::string(kStructuredResults[0]) + " && echo 'FAILED tests/test_a.py::test_p[test5- cat ] - x' && exit 1";
    const auto run = run_tests_in(dir.path, TestCommand{command, "test"}, 60);
    CHECK_FALSE(run.passed());
    CHECK(run.names_known);
    CHECK(run.failing == Names{"tests.test_a.test_p[test5- cat ]"});
}

TEST_CASE("structured results: without a report the text names the tests, without either the names are unknown", "[verify]")
{
    Folder dir;
    const auto text = run_tests_in(dir.path, TestCommand{"echo 'FAILED tests/test_a.py::test_p[a b] - x'; exit 1", "test"}, 60);
    CHECK(text.failing == Names{"tests/test_a.py::test_p[a b]"});
    CHECK(text.names_known);
    const auto unknown = run_tests_in(dir.path, TestCommand{"echo 'make: *** [test] Error 1'; exit 2", "test"}, 60);
    CHECK_FALSE(unknown.names_known);
    CHECK(unknown.failing.empty());
    const auto json = to_json(Verification{unknown, {}, {}, false, {}, 1, 0});
    CHECK(json["names"] == "unknown");
    const auto passing = run_tests_in(dir.path, TestCommand{"true", "test"}, 60);
    CHECK(passing.names_known);
    CHECK_FALSE(to_json(Verification{passing, {}, {}, false, {}, 1, 0}).contains("names"));
}
