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

// Runners print ids the user chose: spaces, brackets, quotes and UTF-8 must survive whole (issue 12:
// pytest's "test_echo_via_pager[test5- cat ]" went unnamed).
TEST_CASE("failing tests: pytest ids with spaces, brackets, quotes and UTF-8", "[verify]")
{
    const std::string output =
        "FAILED tests/test_utils.py::test_echo_via_pager[test5- cat ] - AssertionError: assert 'x' == 'y'\n"
        "FAILED tests/test_u.py::TestK::test_q[it's \"quoted\"]\n"
        "FAILED tests/test_ü.py::test_naïve[π-∞] - ValueError: a - b - c\n"
        "FAILED tests/test_n.py::Outer::Inner::test_deep[a [nested] b] - x\n"
        "ERROR tests/test_e.py::test_fixture[x - y] - fixture 'db' not found\n"
        "tests/test_v.py::test_verbose[one two] FAILED                            [ 50%]\n"
        "tests/test_v.py::test_ok[one two] PASSED                                [100%]\n";
    CHECK(pytest_failures(output) == Names{"tests/test_e.py::test_fixture[x - y]", "tests/test_n.py::Outer::Inner::test_deep[a [nested] b]",
                                           "tests/test_u.py::TestK::test_q[it's \"quoted\"]",
                                           "tests/test_utils.py::test_echo_via_pager[test5- cat ]", "tests/test_v.py::test_verbose[one two]",
                                           "tests/test_ü.py::test_naïve[π-∞]"});
    // unittest's closing line and pytest's own headings are not test ids.
    CHECK(pytest_failures("FAILED (failures=2)\nFAILED\n= 1 failed in 0.1s =\n").empty());
}

TEST_CASE("failing tests: unittest ids with UTF-8 and subtest parameters", "[verify]")
{
    const std::string output =
        "FAIL: test_größe (tests.test_ü.Prüfung.test_größe)\n"
        "FAIL: test_cases (tests.test_t.T.test_cases) [case \"a b\"] (i=1)\n"
        "ERROR: setUpClass (tests.test_x.X)\n";
    CHECK(unittest_failures(output) == Names{"setUpClass (tests.test_x.X)", "test_cases (tests.test_t.T.test_cases)",
                                             "test_größe (tests.test_ü.Prüfung.test_größe)"});
}

TEST_CASE("failing tests: go subtests with brackets, quotes and UTF-8, and go test -json", "[verify]")
{
    const std::string output =
        "    --- FAIL: TestParse/\"quoted\"_[1]_(x) (0.00s)\n"
        "    --- FAIL: TestParse/größe/π (0.01s)\n"
        "--- FAIL: TestParse (0.02s)\n";
    CHECK(go_test_failures(output) == Names{"TestParse", "TestParse/\"quoted\"_[1]_(x)", "TestParse/größe/π"});
    const std::string events =
        "{\"Action\":\"run\",\"Package\":\"m\",\"Test\":\"TestA/with space\"}\n"
        "{\"Action\":\"fail\",\"Package\":\"m\",\"Test\":\"TestA/with space\",\"Elapsed\":0}\n"
        "{\"Action\":\"pass\",\"Package\":\"m\",\"Test\":\"TestB\"}\n"
        "{\"Action\":\"fail\",\"Package\":\"m\",\"Elapsed\":0.1}\n"
        "{\"Action\":\"fail\",\"Test\":\n";
    CHECK(go_test_json_failures(events) == Names{"TestA/with space"});
}

TEST_CASE("failing tests: ctest and cargo names with spaces, brackets and nesting", "[verify]")
{
    const std::string ctest =
        "The following tests FAILED:\n"
        "\t  2 - parser [edge cases] \"quoted\" (Failed)\n"
        "\t 13 - größe (Timeout)\n"
        "\t  4 - name (with parens) (SEGFAULT)\n"
        "Errors while running CTest\n";
    CHECK(ctest_failures(ctest) == Names{"größe", "name (with parens)", "parser [edge cases] \"quoted\""});
    const std::string cargo =
        "test a::b::c::deep ... FAILED\n"
        "test tests::panics - should panic ... FAILED\n"
        "test tests::ok ... ok\n"
        "test größe::prüfen ... FAILED\n";
    CHECK(cargo_test_failures(cargo) == Names{"a::b::c::deep", "größe::prüfen", "tests::panics"});
}

TEST_CASE("failing tests: Jest and Vitest", "[verify]")
{
    const std::string jest =
        "FAIL src/a.test.js\n"
        "  \xE2\x97\x8F Store \xE2\x80\xBA load \xE2\x80\xBA reads \"quoted\" [x] files\n"
        "  \xE2\x97\x8F Test suite failed to run\n";
    CHECK(jest_failures(jest) == Names{"Store \xE2\x80\xBA load \xE2\x80\xBA reads \"quoted\" [x] files"});
    const std::string vitest = " FAIL  tests/a.test.ts > suite > does a [thing] with 'quotes'\n FAIL  tests/b.test.ts\n";
    CHECK(vitest_failures(vitest) == Names{"tests/a.test.ts > suite > does a [thing] with 'quotes'"});
}

// Issue 11, item 3: a 30,000-character line starting "FAILED t - " overflowed the stack through
// std::regex's recursion. Every parser must read such lines (and far longer ones) in linear time.
TEST_CASE("failing tests: a 30,000-character line does not crash any parser", "[verify]")
{
    const std::string long_line = "FAILED t - " + std::string(30000, 'x') + "\n";
    CHECK(pytest_failures(long_line) == Names{"t"});
    const std::string huge = "FAILED t - " + std::string(3'000'000, 'y');
    const auto all = failing_tests_in_output(huge + "\n--- FAIL: " + std::string(1'000'000, 'z') + "\n");
    CHECK(all.names == Names{"t"});
    CHECK(unittest_failures("FAIL: " + std::string(1'000'000, 'a') + " (").empty());
}

TEST_CASE("failing tests: a JUnit test case without a name names nothing (found by fuzzing)", "[verify]")
{
    CHECK(failing_tests_in_junit_xml("<testsuite><testcase clas\xE1sname=\"C\" nam\"=e\xC8 &amp; m\"><failure/></testcase></testsuite>\n").empty());
}
