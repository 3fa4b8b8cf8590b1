// Failing test names from real runner output formats (trimmed captures of each runner).
#include "verify/failing_tests.hpp"

#include <catch2/catch.hpp>

using namespace oneshot::verify;
using Names = std::vector<std::string>;

TEST_CASE("failing tests: ctest's summary list, not its progress lines", "[verify]")
{
    const std::string output =
        "1/3 Test #1: adds .............................   Passed    0.01 sec\n"
        "2/3 Test #2: subtracts ........................***Failed    0.01 sec\n"
        "3/3 Test #3: hangs forever ....................***Timeout   1.00 sec\n"
        "\n33% tests passed, 2 tests failed out of 3\n\n"
        "The following tests FAILED:\n"
        "\t  2 - subtracts (Failed)\n"
        "\t  3 - hangs forever (Timeout)\n"
        "Errors while running CTest\n";
    CHECK(ctest_failures(output) == Names{"hangs forever", "subtracts"});
    CHECK(ctest_failures("100% tests passed, 0 tests failed out of 3\n").empty());
}

TEST_CASE("failing tests: pytest's short summary", "[verify]")
{
    const std::string output =
        "..F.E\n"
        "=========================== short test summary info ============================\n"
        "FAILED tests/test_a.py::test_adds - assert 3 == 4\n"
        "FAILED tests/test_a.py::TestB::test_param[1-2] - ValueError\n"
        "ERROR tests/test_c.py - ModuleNotFoundError: No module named 'x'\n"
        "2 failed, 2 passed, 1 error in 0.12s\n";
    CHECK(pytest_failures(output) == Names{"tests/test_a.py::TestB::test_param[1-2]", "tests/test_a.py::test_adds", "tests/test_c.py"});
}

TEST_CASE("failing tests: unittest, old and new name styles", "[verify]")
{
    const std::string output =
        "======================================================================\n"
        "FAIL: test_total (tests.test_store.StoreTest.test_total)\n"
        "----------------------------------------------------------------------\n"
        "ERROR: test_load (tests.test_store.StoreTest)\n"
        "----------------------------------------------------------------------\n"
        "FAILED (failures=1, errors=1)\n";
    CHECK(unittest_failures(output) == Names{"test_load (tests.test_store.StoreTest)", "test_total (tests.test_store.StoreTest.test_total)"});
    // Its closing line is not a pytest summary line.
    CHECK(failing_tests_in_output(output).names == unittest_failures(output));
}

TEST_CASE("failing tests: go test, subtests included", "[verify]")
{
    const std::string output =
        "=== RUN   TestAdd\n--- FAIL: TestAdd (0.00s)\n    add_test.go:9: got 3\n"
        "=== RUN   TestTable\n    --- FAIL: TestTable/negative (0.00s)\n--- FAIL: TestTable (0.01s)\n"
        "--- PASS: TestOK (0.00s)\nFAIL\nFAIL\texample.com/m\t0.005s\n";
    CHECK(go_test_failures(output) == Names{"TestAdd", "TestTable", "TestTable/negative"});
}

TEST_CASE("failing tests: cargo test", "[verify]")
{
    const std::string output =
        "running 3 tests\ntest tests::adds ... ok\ntest tests::subtracts ... FAILED\ntest parse::empty ... FAILED\n"
        "\nfailures:\n\n---- tests::subtracts stdout ----\n";
    CHECK(cargo_test_failures(output) == Names{"parse::empty", "tests::subtracts"});
}

TEST_CASE("failing tests: Catch2's console reporter", "[verify]")
{
    const std::string rule(79, '-');
    const std::string dots(79, '.');
    const std::string output =
        "\n" + rule + "\nvector grows\n  when pushed\n" + rule + "\nt.cpp:10\n" + dots + "\n\nt.cpp:14: FAILED:\n  REQUIRE( v.size() == 2 )\n\n" +
        rule + "\nparses numbers\n" + rule + "\nt.cpp:20\n" + dots + "\n\nt.cpp:20: FAILED:\ndue to unexpected exception\n\n" +
        "===============================================================================\ntest cases: 3 | 1 passed | 2 failed\n";
    CHECK(catch2_failures(output) == Names{"parses numbers", "vector grows"});
}

TEST_CASE("failing tests: JUnit XML, failures and errors, escaped names", "[verify]")
{
    const std::string xml = R"(<?xml version="1.0"?>
<testsuite name="s" tests="4">
  <testcase classname="com.x.CalcTest" name="adds" time="0.01"/>
  <testcase classname="com.x.CalcTest" name="subtracts">
    <failure message="expected 1">trace</failure>
  </testcase>
  <testcase name="a &lt;b&gt; case" classname='com.x.Other'><error type="NPE"/></testcase>
  <testcase classname="com.x.CalcTest" name="skipped"><skipped/></testcase>
</testsuite>)";
    CHECK(failing_tests_in_junit_xml(xml) == Names{"com.x.CalcTest.subtracts", "com.x.Other.a <b> case"});
    CHECK(failing_tests_in_junit_xml("<testcase name=\"broken").empty());
    CHECK(failing_tests_in_junit_xml("").empty());
}

TEST_CASE("failing tests: formats are merged, and unknown output says it is unknown", "[verify]")
{
    const auto merged = failing_tests_in_output("--- FAIL: TestA (0.00s)\nFAILED t.py::b - x\n");
    CHECK(merged.formats == Names{"pytest", "go test"});
    CHECK(merged.names == Names{"TestA", "t.py::b"});
    const auto unknown = failing_tests_in_output("make: *** [Makefile:3: test] Error 1\n");
    CHECK_FALSE(unknown.known());
    CHECK(unknown.names.empty());
}
