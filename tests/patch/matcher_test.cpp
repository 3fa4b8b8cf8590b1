// The matching ladder: each tier on the perturbation it exists for, ambiguity refused with every
// candidate's line, differing non-whitespace content never accepted, the file's bytes kept.
#include "patch/matcher.hpp"

#include <catch2/catch.hpp>

using namespace oneshot::patch;

namespace {

EditMatch run(std::string_view text, std::string search, std::string replace)
{
    return apply_edit(text, Edit{std::move(search), std::move(replace)});
}

std::string applied(std::string_view text, std::string search, std::string replace, MatchTier expected_tier)
{
    EditMatch m = run(text, std::move(search), std::move(replace));
    INFO(m.reason);
    REQUIRE(m.ok);
    CHECK(tier_name(m.tier) == tier_name(expected_tier));
    return m.text;
}

} // namespace

TEST_CASE("exact quotes replace literally, anchored at a line start", "[patch]")
{
    CHECK(applied("a\nb\nc\n", "b\n", "B\n", MatchTier::exact) == "a\nB\nc\n");
    CHECK(applied("int x = f(1);\n", "int x = f(1)", "int x = f(2)", MatchTier::exact) == "int x = f(2);\n");
    // "b\n" also occurs inside "ab\n", but not at a line start: one place.
    CHECK(applied("ab\nb\n", "b\n", "c\n", MatchTier::exact) == "ab\nc\n");
}

TEST_CASE("an exact quote found twice is ambiguous, with both line numbers", "[patch]")
{
    EditMatch m = run("x\nfoo();\ny\nfoo();\n", "foo();\n", "bar();\n");
    CHECK_FALSE(m.ok);
    CHECK(m.failure == EditMatch::Failure::ambiguous);
    CHECK(m.candidate_lines == std::vector<std::size_t>{2, 4});
}

TEST_CASE("a whitespace-only first line lost to trimming never matches inside another line", "[patch]")
{
    // The quote's first line was "    "; trimmed to "" its '\n' would match the end of line 2.
    const std::string file = "def f():\n    \n    foo()\n";
    CHECK(applied(file, "    \n    foo()\n", "    \n    bar()\n", MatchTier::exact) == "def f():\n    \n    bar()\n");
    // The replacement says what the blank line becomes: here the whitespace goes.
    CHECK(applied(file, "\n    foo()\n", "\n    bar()\n", MatchTier::trailing_whitespace) == "def f():\n\n    bar()\n");
    // A leading blank line the file does not have there: the quote is still found.
    CHECK(applied("x\nfoo()\n", "\nfoo()\n", "bar()\n", MatchTier::blank_lines) == "x\nbar()\n");
    // Trailing blank lines quoted without their whitespace, cleaned by the replacement.
    CHECK(applied("a\n    \nb\n", "a\n\n", "A\n\n", MatchTier::trailing_whitespace) == "A\n\nb\n");
}

TEST_CASE("a CRLF file quoted with LF keeps CRLF", "[patch]")
{
    CHECK(applied("a\r\nb\r\nc\r\n", "b\nc\n", "B\nC\nD\n", MatchTier::line_endings) == "a\r\nB\r\nC\r\nD\r\n");
    // An exact single-line quote in a CRLF file: the replacement's new lines get CRLF too.
    CHECK(applied("a\r\nb\r\nc\r\n", "b", "B\nB2", MatchTier::exact) == "a\r\nB\r\nB2\r\nc\r\n");
}

TEST_CASE("mixed line endings: unchanged lines keep their own break", "[patch]")
{
    CHECK(applied("a\nb\r\nc\nd\n", "b\nc\nd\n", "b\nC\nd\n", MatchTier::line_endings) == "a\nb\r\nC\nd\n");
}

TEST_CASE("trailing whitespace lost from the quote still matches, the replacement is written as given", "[patch]")
{
    CHECK(applied("x = 1   \ny = 2\n", "x = 1\ny = 2\n", "x = 1\ny = 3\n", MatchTier::trailing_whitespace) == "x = 1\ny = 3\n");
}

TEST_CASE("a uniformly dedented quote matches, the replacement is re-indented to the file", "[patch]")
{
    const std::string file = "class A:\n    def f(self):\n        return 1\n";
    CHECK(applied(file, "def f(self):\n    return 1\n", "def f(self):\n    if x:\n        return 2\n    return 1\n",
                  MatchTier::indentation) ==
          "class A:\n    def f(self):\n        if x:\n            return 2\n        return 1\n");
}

TEST_CASE("an over-indented quote matches, the replacement loses the extra indentation", "[patch]")
{
    CHECK(applied("if x:\n    y()\n", "    if x:\n        y()\n", "    if x:\n        z()\n", MatchTier::indentation) ==
          "if x:\n    z()\n");
    EditMatch m = run("if x:\n    y()\n", "    if x:\n        y()\n", "if x:\n    z()\n");
    CHECK_FALSE(m.ok);
    CHECK(m.failure == EditMatch::Failure::indentation);
}

TEST_CASE("tabs quoted as spaces: the file keeps its tabs, whatever the replacement uses", "[patch]")
{
    const std::string file = "func f() {\n\tif x {\n\t\treturn\n\t}\n}\n";
    const std::string expected = "func f() {\n\tif x {\n\t\tlog()\n\t\treturn nil\n\t}\n}\n";
    // Only the quote has spaces:
    CHECK(applied(file, "    if x {\n        return\n    }\n", "\tif x {\n\t\tlog()\n\t\treturn nil\n\t}\n",
                  MatchTier::indentation) == expected);
    // Quote and replacement have spaces:
    CHECK(applied(file, "    if x {\n        return\n    }\n", "    if x {\n        log()\n        return nil\n    }\n",
                  MatchTier::indentation) == expected);
    // A deeper new line becomes one more tab; alignment spaces after tabs survive.
    CHECK(applied(file, "        return\n", "        for {\n            g(a,\n              b)\n        }\n", MatchTier::indentation) ==
          "func f() {\n\tif x {\n\t\tfor {\n\t\t\tg(a,\n\t\t\t  b)\n\t\t}\n\t}\n}\n");
}

TEST_CASE("spaces quoted as tabs: the file keeps its spaces", "[patch]")
{
    CHECK(applied("def f():\n    if x:\n        y()\n", "\tif x:\n\t\ty()\n", "\tif x:\n\t\tz()\n", MatchTier::indentation) ==
          "def f():\n    if x:\n        z()\n");
}

TEST_CASE("a blank line dropped from the quote: found, and the replacement is taken literally", "[patch]")
{
    CHECK(applied("a\n\nb\nc\n", "a\nb\nc\n", "a\n\nb\nC\n", MatchTier::blank_lines) == "a\n\nb\nC\n");
    // A replacement without the blank line removes it: what the model wrote is what it gets.
    CHECK(applied("a\n\nb\nc\n", "a\nb\nc\n", "a\nb\nC\n", MatchTier::blank_lines) == "a\nb\nC\n");
}

TEST_CASE("a blank line added to the quote: found, and the replacement is taken literally", "[patch]")
{
    CHECK(applied("a\nb\nc\n", "a\n\nb\nc\n", "a\nb\nC\n", MatchTier::blank_lines) == "a\nb\nC\n");
    CHECK(applied("a\nb\nc\n", "a\n\nb\nc\n", "a\n\nb\nC\n", MatchTier::blank_lines) == "a\n\nb\nC\n");
}

TEST_CASE("ignoring whitespace, a quote found twice is ambiguous even if one place is an exact line match", "[patch]")
{
    EditMatch m = run("  x()\nfoo\n    x()\nbar\n", "x()\n", "y()\n");
    CHECK_FALSE(m.ok);
    CHECK(m.failure == EditMatch::Failure::ambiguous);
    CHECK(m.candidate_lines == std::vector<std::size_t>{1, 3});
    // Blank-line tolerance counts too: "a b" with or without a blank line between.
    EditMatch m2 = run("a\n\nb\nz\na\nb \n", "a\n  \nb\n", "c\n");
    CHECK_FALSE(m2.ok);
    CHECK(m2.candidate_lines == std::vector<std::size_t>{1, 5});
}

TEST_CASE("differing non-whitespace content is never accepted", "[patch]")
{
    const std::string file = "name = 1\nfoo(name)\nbar()\n";
    for (std::string search : {"name = 1\nfoo(names)\nbar()\n", "name = 1\nfoo( name)\n", "name = 1\nbar()\n",
                               "nam = 1\n", "name = 1\nfoo(name)\nbar();\n"}) {
        INFO(search);
        EditMatch m = run(file, search, "X\n");
        CHECK_FALSE(m.ok);
        CHECK(m.failure == EditMatch::Failure::not_found);
    }
}

TEST_CASE("indentation that no uniform shift explains is refused (Python blocks differ)", "[patch]")
{
    EditMatch m = run("if x:\n    a()\n    b()\n", "if x:\n    a()\nb()\n", "if x:\n    a()\nc()\n");
    CHECK_FALSE(m.ok);
    CHECK(m.failure == EditMatch::Failure::indentation);
    CHECK(m.candidate_lines == std::vector<std::size_t>{1});
}

TEST_CASE("a missing final newline is kept", "[patch]")
{
    CHECK(applied("a\nb", "b", "c", MatchTier::exact) == "a\nc");
    CHECK(applied("a\n  b", "b\n", "c\n", MatchTier::indentation) == "a\n  c");
    CHECK(applied("x\n  a\n  b", "a\nb", "", MatchTier::indentation) == "x");
    CHECK(applied("x\n  a\n  b", "a\nb", "a\nb\n", MatchTier::indentation) == "x\n  a\n  b\n");
}

TEST_CASE("a blank quote is refused", "[patch]")
{
    EditMatch m = run("a\n\n", " \n\n", "x");
    CHECK_FALSE(m.ok);
    CHECK(m.failure == EditMatch::Failure::blank_search);
}

TEST_CASE("a quote starting with a BOM character matches a file whose BOM was set aside", "[patch]")
{
    CHECK(applied("first\nsecond\n", "\xEF\xBB\xBF" "first\n", "\xEF\xBB\xBF" "FIRST\n", MatchTier::exact) == "FIRST\nsecond\n");
}

TEST_CASE("a one-line quote inside a line applies when it is unique and on token boundaries", "[patch]")
{
    CHECK(applied("int f() { return 1; }\n", "return 1;", "return 2;", MatchTier::within_line) == "int f() { return 2; }\n");
    // Never inside a longer identifier:
    EditMatch m = run("int max_count = 0;\n", "count = 0", "count = 1");
    CHECK_FALSE(m.ok);
    CHECK(m.failure == EditMatch::Failure::not_found);
    // Twice is ambiguous:
    EditMatch twice = run("a(x); b(x);\nc(x);\n", "(x)", "(y)");
    CHECK_FALSE(twice.ok);
    CHECK(twice.failure == EditMatch::Failure::ambiguous);
    CHECK(twice.candidate_lines == std::vector<std::size_t>{1, 1, 2});
    // A whole indented line is a line match, re-indented, not a fragment:
    CHECK(applied("if x:\n    y()\n", "y()", "y()\nz()", MatchTier::indentation) == "if x:\n    y()\n    z()\n");
}

TEST_CASE("a one-line quote that also occurs inside another line is ambiguous", "[patch]")
{
    // Exact at a line start, and inside line 2:
    EditMatch exact = run("foo();\nbar(); foo();\n", "foo();", "baz();");
    CHECK_FALSE(exact.ok);
    CHECK(exact.failure == EditMatch::Failure::ambiguous);
    CHECK(exact.candidate_lines == std::vector<std::size_t>{1, 2});
    // A whole (indented) line, and inside line 2:
    EditMatch line = run("  foo();\nbar(); foo();\n", "foo();", "baz();");
    CHECK_FALSE(line.ok);
    CHECK(line.candidate_lines == std::vector<std::size_t>{1, 2});
    // Occurrences inside longer identifiers do not count:
    CHECK(applied("foo();\nbar(); xfoo();\n", "foo();", "baz();", MatchTier::exact) == "baz();\nbar(); xfoo();\n");
}

// The class of the one silent mis-apply seen on Windows-style files: a CRLF, tab-indented installer
// script quoted with LF and with its tabs written as spaces in both the quote and the replacement.
// Every line the replacement writes must come out in the file's own whitespace, or be refused.
TEST_CASE("tabs as spaces in quote and replacement of a CRLF script: whitespace-only lines keep the file's", "[patch]")
{
    const std::string file = "Function Page\r\n\t${NSD_Check} $Box\r\n\t\r\n\t${NSD_CreateCheckbox} 0 50 100% 30u \"x\"\r\n\tPop $Box\r\nFunctionEnd\r\n";
    CHECK(applied(file, "    \n    ${NSD_CreateCheckbox} 0 50 100% 30u \"x\"\n    Pop $Box\n",
                  "    \n    ${NSD_CreateCheckbox} 0 80 100% 30u \"x\"\n    Pop $Box\n", MatchTier::indentation) ==
          "Function Page\r\n\t${NSD_Check} $Box\r\n\t\r\n\t${NSD_CreateCheckbox} 0 80 100% 30u \"x\"\r\n\tPop $Box\r\nFunctionEnd\r\n");
}

TEST_CASE("tabs as spaces in quote and replacement: reordered lines and runs of declarations keep the file's tabs", "[patch]")
{
    const std::string file = "Function .onInit\r\n\tVar A\r\n\tVar B\r\n\tVar C\r\n\tCall Setup\r\nFunctionEnd\r\n";
    CHECK(applied(file, "    Var A\n    Var B\n    Var C\n    Call Setup\n", "    Call Setup\n    Var C\n    Var B\n    Var D\n    Var A\n",
                  MatchTier::indentation) ==
          "Function .onInit\r\n\tCall Setup\r\n\tVar C\r\n\tVar B\r\n\tVar D\r\n\tVar A\r\nFunctionEnd\r\n");
}

TEST_CASE("a quote without indentation gives no tab width: spaces in the replacement of a tab-indented file are refused", "[patch]")
{
    const std::string file = "Var A\r\nVar B\r\n\r\nFunction f\r\n\tStrCpy $A 1\r\nFunctionEnd\r\n";
    // Quoted exactly (CRLF), and quoted with LF: the new function body written with spaces cannot be
    // told apart from the file's tabs at an unknown width.
    for (std::string search : {"Var A\r\nVar B\r\n", "Var A\nVar B\n"}) {
        EditMatch m = run(file, search, "Var A\nVar B\nFunction g\n    StrCpy $B 2\nFunctionEnd\n");
        CHECK_FALSE(m.ok);
        CHECK(m.failure == EditMatch::Failure::indentation);
    }
    // With tabs it applies, and so do spaces in a file that indents with spaces.
    CHECK(applied(file, "Var A\nVar B\n", "Var A\nVar B\nVar C\n\tStrCpy $B 2\n", MatchTier::line_endings) ==
          "Var A\r\nVar B\r\nVar C\r\n\tStrCpy $B 2\r\n\r\nFunction f\r\n\tStrCpy $A 1\r\nFunctionEnd\r\n");
    CHECK(applied("a\nb\n  c\n", "a\n", "a\n  x\n", MatchTier::exact) == "a\n  x\nb\n  c\n");
}

TEST_CASE("a file mixing tabs and spaces quoted with spaces throughout: lines in place keep the file's indentation", "[patch]")
{
    const std::string file = "class A {\r\n    void f();\r\nprivate:\r\n\tRECT r = {};\r\n\tLONG w = 0;\r\n};\r\n";
    // Search only: the replacement already has the file's tab.
    CHECK(applied(file, "    void f();\nprivate:\n    RECT r = {};\n", "    void f();\nprivate:\n\tRECT r{};\n", MatchTier::indentation) ==
          "class A {\r\n    void f();\r\nprivate:\r\n\tRECT r{};\r\n\tLONG w = 0;\r\n};\r\n");
    // Search and replacement: the rewritten line takes the file line's tab.
    CHECK(applied(file, "    void f();\nprivate:\n    RECT r = {};\n", "    void f();\nprivate:\n    RECT r{};\n", MatchTier::indentation) ==
          "class A {\r\n    void f();\r\nprivate:\r\n\tRECT r{};\r\n\tLONG w = 0;\r\n};\r\n");
    // A new line indented with four spaces: the file's spaces or a tab? Refused, never guessed.
    EditMatch m = run(file, "    void f();\nprivate:\n    RECT r = {};\n", "    void f();\nprivate:\n    RECT r = {};\n    int n = 0;\n");
    CHECK_FALSE(m.ok);
    CHECK(m.failure == EditMatch::Failure::indentation);
}
