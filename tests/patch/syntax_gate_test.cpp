// The syntax gate reports syntax errors a change introduces, with line numbers, and ignores the
// ones the base version already had and files in languages we do not parse.
#include "patch/syntax_gate.hpp"
#include "patch/tree_fixture.hpp"
#include "context/header_language.hpp"

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
    const SyntaxReport r = check_syntax("A.java", "class A {\n  int f() {\n    return 1;\n  }\n}\n", "class A {\n  int f() {\n    return 1\n  }\n}\n");
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

TEST_CASE("a new file's errors are all new, files we do not parse are not checked", "[patch]")
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

namespace {

context::LanguageEvidence cpp_repository()
{
    context::LanguageEvidence evidence;
    for (const char* p : {"db/db_impl.cc", "util/coding.cc", "table/block.cc"}) context::note_source_path(evidence, p);
    return evidence;
}

} // namespace

TEST_CASE("a C++ header in a repository of .cc files is parsed as C++, not refused as broken C", "[patch]")
{
    const std::string before = "#pragma once\nnamespace leveldb {\nclass Range {\n public:\n  Range() = default;\n};\n}  // namespace leveldb\n";
    const std::string after = "#pragma once\nnamespace leveldb {\ntemplate <typename T>\nclass Range {\n public:\n"
                              "  constexpr Range(T high) noexcept : high_{high} {}\n  auto ok() const -> bool { return true; }\n"
                              " private:\n  T high_;\n};\n}  // namespace leveldb\n";
    const SyntaxReport r = check_syntax("include/leveldb/range.h", before, after, cpp_repository());
    CHECK(r.language == "cpp");
    CHECK(r.ok());
    CHECK(r.tolerated.empty());
}

TEST_CASE("a macro the file already uses in the same shape is not a new problem", "[patch]")
{
    // git: a parameter annotated with a macro, already done elsewhere in the file.
    const std::string before = "static int cmd_a(int argc, const char *prefix UNUSED)\n{\n\treturn 0;\n}\n";
    const std::string after = before + "static int cmd_b(int argc, int gently UNUSED)\n{\n\treturn argc;\n}\n";
    CHECK(check_syntax("builtin/a.c", before, after).ok());
    // cJSON: a for-each macro followed by a block, used one screen above.
    const std::string loop = "  cJSON_ArrayForEach(a_element, a)\n  {\n    n++;\n  }\n";
    const std::string base = "int count(cJSON *a, cJSON *b)\n{\n  int n = 0;\n" + loop + "  return n;\n}\n";
    const std::string changed = "int count(cJSON *a, cJSON *b)\n{\n  int n = 0;\n" + loop +
                                "  cJSON_ArrayForEach(b_element, b)\n  {\n    n += 2;\n  }\n  return n;\n}\n";
    CHECK(check_syntax("cJSON_Utils.c", base, changed).ok());
    // jq: rows of a table macro.
    const std::string rows = "LIBM_DD(sin)\nLIBM_DD(cos)\n";
    CHECK(check_syntax("src/libm.h", rows, rows + "LIBM_DA(modf, double)\n").ok());
}

TEST_CASE("in C, what only the parser finds wrong is tolerated, not refused, and kept for a repair prompt", "[patch]")
{
    // A macro call followed by a block that the base never used: the compiler decides.
    const std::string before = "void f(struct list *l)\n{\n}\n";
    const std::string after = "void f(struct list *l)\n{\n\tlist_for_each(pos, l)\n\t{\n\t\tuse(pos);\n\t}\n}\n";
    const SyntaxReport r = check_syntax("a.c", before, after);
    CHECK(r.ok());
    REQUIRE_FALSE(r.tolerated.empty());
    CHECK_THAT(format_syntax_reports({r}, 20, true), Catch::Contains("a.c:3:") && Catch::Contains("(c)"));
    // A missing semicolon too: the tests' compiler reports it, with this report in the repair prompt.
    const SyntaxReport semicolon = check_syntax("a.c", "int f(void)\n{\n  return 1;\n}\n", "int f(void)\n{\n  return 1\n}\n");
    CHECK(semicolon.ok());
    REQUIRE(semicolon.tolerated.size() == 1);
    CHECK(semicolon.tolerated.front().what == "missing \";\"");
    CHECK(semicolon.tolerated.front().construct == "return_statement");
    // An initializer with nothing after "=" is broken for any reader: refused.
    const SyntaxReport half = check_syntax("a.c", "int f(int a)\n{\n\tint x = a + 1;\n\treturn x;\n}\n", "int f(int a)\n{\n\tint x = ;\n\treturn x;\n}\n");
    REQUIRE_FALSE(half.ok());
    CHECK(half.new_problems.front().what == "nothing after \"=\"");
}

TEST_CASE("what is broken for any reader is refused in C and C++, macros or not", "[patch]")
{
    const std::string before = "#define WRAP(x) x\nint f(void)\n{\n\tWRAP(g());\n\treturn 0;\n}\n";
    const SyntaxReport brace = check_syntax("a.c", before, "#define WRAP(x) x\nint f(void)\n{\n\tWRAP(g());\n\treturn 0;\n");
    REQUIRE_FALSE(brace.ok());
    CHECK(brace.new_problems.front().what == "unclosed \"{\"");
    const SyntaxReport string = check_syntax("a.c", before, "#define WRAP(x) x\nint f(void)\n{\n\tWRAP(g(\"abc));\n\treturn 0;\n}\n");
    REQUIRE_FALSE(string.ok());
    CHECK(string.new_problems.front().what == "unterminated string");
    CHECK(string.new_problems.front().line == 4);
    const SyntaxReport comment = check_syntax("a.cc", before, before + "/* trailing\n");
    REQUIRE_FALSE(comment.ok());
    CHECK(comment.language == "cpp");
    // A file cut short inside a construct.
    CHECK_FALSE(check_syntax("a.c", before, before + "static const int LIMIT = WRAP(").ok());
    const SyntaxReport cut = check_syntax("a.c", before, before + "static const int LIMIT = 1 +");
    REQUIRE_FALSE(cut.ok());
    CHECK(cut.new_problems.front().what == "file ends after \"+\"");
}

TEST_CASE("an imbalance the base already has (one brace per #if branch) is not refused", "[patch]")
{
    const std::string before = "int f(int a)\n{\n#ifdef X\n\tif (a) {\n#else\n\tif (!a) {\n#endif\n\t\treturn 1;\n\t}\n\treturn 0;\n}\n";
    std::string after = before;
    after.replace(after.find("return 0;"), 9, "return 2;");
    const SyntaxReport r = check_syntax("a.c", before, after);
    CHECK(r.ok());
}

TEST_CASE("a refusal names the language it parsed with and the construct", "[patch]")
{
    const SyntaxReport r = check_syntax("m.py", "def f():\n    return 1\n", "def f():\n    return (1\n");
    REQUIRE_FALSE(r.ok());
    const std::string text = format_syntax_reports({r});
    CHECK_THAT(text, Catch::Contains("(python)") && Catch::Contains(" in "));
    CHECK_FALSE(r.new_problems.front().construct.empty());
}

TEST_CASE("check_patch_syntax uses the repository's evidence for headers", "[patch]")
{
    testing::Tree tree;
    tree["db/a.h"] = {"namespace db {\nint a();\n}\n", EntryKind::regular};
    const MemoryBaseFiles base = testing::memory_base(tree);
    auto document = parse_document(R"({"summary": "s", "changes": [
        {"path": "db/a.h", "action": "modify", "edits": [{"search": "int a();\n", "replace": "int a();\nconstexpr int b() noexcept { return 1; }\n"}]}]})");
    REQUIRE(document.ok());
    auto resolved = resolve(*document, base);
    REQUIRE(resolved.ok());
    CHECK(patch_needs_language_evidence(*resolved));
    auto reports = check_patch_syntax(*resolved, base, cpp_repository());
    REQUIRE(reports.ok());
    CHECK_FALSE(any_refused(*reports));
}
