// The syntax gate reports syntax errors a change introduces, with line numbers, and ignores the
// ones the base version already had and files in languages we do not parse.
#include "patch/syntax_gate.hpp"
#include "patch/tree_fixture.hpp"

#include <catch2/catch.hpp>

using namespace oneshot;
using namespace oneshot::patch;

TEST_CASE("a clean edit passes the syntax gate", "[patch]")
{
    const SyntaxReport r = check_syntax("a.c", "int f(void) { return 1; }\n", "int f(void) { return 2; }\n");
    CHECK(r.language == "c");
    CHECK(r.ok());
}

TEST_CASE("a new syntax error is reported with its line", "[patch]")
{
    const std::string before = "def f(x):\n    return x\n\n\ndef g():\n    pass\n";
    const std::string after = "def f(x):\n    return x\n\n\ndef g(:\n    pass\n";
    const SyntaxReport r = check_syntax("m.py", before, after);
    CHECK(r.language == "python");
    REQUIRE_FALSE(r.ok());
    CHECK(r.new_problems.front().line == 5);
    CHECK(r.new_problems.front().source_line == "def g(:");
}

TEST_CASE("a missing token is reported as MISSING with what is missing", "[patch]")
{
    const SyntaxReport r = check_syntax("a.c", "int f(void)\n{\n  return 1;\n}\n", "int f(void)\n{\n  return 1\n}\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.new_problems.front().what == "missing \";\"");
    CHECK(r.new_problems.front().line == 3);
}

TEST_CASE("errors the base already had are not blamed on the change, even when they moved", "[patch]")
{
    const std::string before = "int broken( {\n\nint ok(void) { return 0; }\n";
    const std::string after = "// a comment pushes everything down\n\nint broken( {\n\nint ok(void) { return 0; }\n";
    CHECK(check_syntax("a.c", before, after).ok());
}

TEST_CASE("a new file's errors are all new; files we do not parse are not checked", "[patch]")
{
    CHECK_FALSE(check_syntax("n.go", std::nullopt, "package main\nfunc main( {\n}\n").ok());
    const SyntaxReport r = check_syntax("notes.txt", std::nullopt, "func main( {");
    CHECK(r.language.empty());
    CHECK(r.ok());
}

TEST_CASE("check_patch_syntax compares each written file with its base version and formats a report", "[patch]")
{
    testing::Tree tree;
    tree["src/ok.js"] = {"function a() { return 1; }\n", EntryKind::regular};
    tree["src/bad.rs"] = {"fn main() {\n    let x = 1;\n}\n", EntryKind::regular};
    const MemoryBaseFiles base = testing::memory_base(tree);
    auto document = parse_document(R"({"summary": "s", "changes": [
        {"path": "src/ok.js", "action": "modify", "edits": [{"search": "return 1;", "replace": "return 2;"}]},
        {"path": "src/bad.rs", "action": "rename", "new_path": "src/worse.rs", "edits": [{"search": "    let x = 1;\n", "replace": "    let x = ;\n"}]}]})");
    REQUIRE(document.ok());
    auto resolved = resolve(*document, base);
    INFO((resolved.ok() ? "" : resolved.error().message));
    REQUIRE(resolved.ok());
    auto reports = check_patch_syntax(*resolved, base);
    REQUIRE(reports.ok());
    REQUIRE(reports->size() == 1);
    CHECK(reports->front().path == "src/worse.rs");
    const std::string text = format_syntax_reports(*reports);
    CHECK_THAT(text, Catch::StartsWith("src/worse.rs:2:") && Catch::Contains("(rust) | let x = ;"));
}
