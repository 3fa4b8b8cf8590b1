// Brackets, literals and comments that no macro can repair, found in C and C++ text.
#include "patch/lexical_defects.hpp"

#include <catch2/catch.hpp>

using namespace oneshot::patch;

TEST_CASE("balanced C and C++ text has no lexical defects", "[patch]")
{
    CHECK(lexical_defects("int f(int a[2]) { return a[0] + '}' + \"{(\" [0]; } // }\n/* { */\n").empty());
    CHECK(lexical_defects("#define OPEN {\n#if X\n#endif\nauto s = R\"x(a \" ) { )x\"; int n = 1'000'000; double e = 1e-5;\n").empty());
    CHECK(lexical_defects("const char *s = \"a\\\"b\\\\\"; char c = '\\'';\n").empty());
    CHECK(lexical_defects("#define LONG(x) \\\n  { x\nint a;\n").empty());
    CHECK(lexical_defects("#define LONG(x) \\\r\n  ((x)\r\nconst char* s = \"a\\\r\nb\";\r\n").empty());
    // Each #if branch may open the same block; a block opened in one conditional may close in another.
    CHECK(lexical_defects("#ifdef WIN32\nint umain(void) {\n#else\nint main(void) {\n#endif\n  return 0;\n}\n").empty());
    CHECK(lexical_defects("#ifdef __cplusplus\nextern \"C\" {\n#endif\nint f(void);\n#ifdef __cplusplus\n}\n#endif\n").empty());
}

TEST_CASE("unclosed and unmatched brackets are found with their place", "[patch]")
{
    auto d = lexical_defects("int f(void)\n{\n  if (a) {\n    g();\n}\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].what == "unclosed \"{\"");
    CHECK(d[0].line == 2);
    d = lexical_defects("int f(void)\n{\n  g());\n}\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].what == "unmatched \")\"");
    CHECK(d[0].line == 3);
    CHECK(d[0].column == 6);
}

TEST_CASE("strings cut at the end of their line and comments never closed are defects", "[patch]")
{
    auto d = lexical_defects("puts(\"abc);\nint x;\n");
    REQUIRE_FALSE(d.empty());
    CHECK(d[0].what == "unterminated string");
    CHECK(d[0].line == 1);
    d = lexical_defects("int a; /* open\nint b;\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].what == "unterminated comment");
    d = lexical_defects("auto s = R\"(never closed\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].what == "unterminated string");
    CHECK(lexical_defects("char c = 'a;\n").front().what == "unterminated character literal");
}

TEST_CASE("an assignment with nothing after it and a file ending on an operator are defects", "[patch]")
{
    auto d = lexical_defects("int f(void)\n{\n  int x = ;\n  return x;\n}\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].what == "nothing after \"=\"");
    CHECK(d[0].line == 3);
    CHECK(lexical_defects("void g(int a = ) {}\n").front().what == "nothing after \"=\"");
    // Not an assignment: comparisons, compound assignment, operator=, lambda captures, defaults.
    CHECK(lexical_defects("struct S { using B::operator=; S& operator=(const S&) = default; };\n"
                          "auto l = [=]() { return a == b; }; x += 1; y <= 2; if (a != b) {}\n").empty());
    d = lexical_defects("int limit = 1 +\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].what == "file ends after \"+\"");
    CHECK(lexical_defects("int a = 1; // ends with +\n/* = */\n#define X =\n").empty());
}

TEST_CASE("a Python line ending on an operator outside brackets is a defect", "[patch]")
{
    auto d = python_line_defects("def f():\n    x =\n    return x\n");
    REQUIRE(d.size() == 1);
    CHECK(d[0].what == "line ends after \"=\"");
    CHECK(d[0].line == 2);
    CHECK(python_line_defects(R"(total = (a +
         b)
y = a + \
    b
from m import *
t = 1,
s = '''x =
'''
# a =
u = "+"
def stub(): ...
v = 1.
)").empty());
    CHECK(python_line_defects("x = a.").front().what == "line ends after \".\"");
}
