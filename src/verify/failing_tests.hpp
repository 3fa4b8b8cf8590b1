// Names of the failing tests, read from a test run's output where the runner's format is known
// (ctest, pytest, unittest, go test and its -json events, cargo test, Catch2, Jest, Vitest) or from JUnit XML reports (Maven, Gradle,
// and anything else that writes them). Pure: text in, names out. Comparing these names between
// the base and the change is what tells "broke" from "was already failing".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace oneshot::verify {

struct FailingTests {
    std::vector<std::string> formats;   // the formats that recognised something ("pytest", ...)
    std::vector<std::string> names;     // sorted, unique
    bool known() const { return !formats.empty(); }
};

// Every known format is tried; the names of all of them are merged (a CMake project may run
// Catch2 under ctest, and both name the same failure differently).
FailingTests failing_tests_in_output(std::string_view output);

// Failing or erroring <testcase> elements of a JUnit XML report, as "classname.name" (or "name").
std::vector<std::string> failing_tests_in_junit_xml(std::string_view xml);

// Each format alone, for tests and for callers that know the runner.
std::vector<std::string> ctest_failures(std::string_view output);
std::vector<std::string> pytest_failures(std::string_view output);
std::vector<std::string> unittest_failures(std::string_view output);
std::vector<std::string> go_test_failures(std::string_view output);
std::vector<std::string> go_test_json_failures(std::string_view output);   // `go test -json` events
std::vector<std::string> cargo_test_failures(std::string_view output);
std::vector<std::string> catch2_failures(std::string_view output);
std::vector<std::string> jest_failures(std::string_view output);
std::vector<std::string> vitest_failures(std::string_view output);

} // namespace oneshot::verify
