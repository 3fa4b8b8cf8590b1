// The language of a .h, .inc or extensionless file comes from evidence, strongest first:
// .gitattributes, modelines, C++-only constructs in the file, the repository's other sources.
#include "context/header_language.hpp"
#include "context/language.hpp"

#include <catch2/catch.hpp>

using namespace oneshot::context;

namespace {

LanguageEvidence repo_of(std::initializer_list<std::string_view> paths)
{
    LanguageEvidence evidence;
    for (std::string_view p : paths) note_source_path(evidence, p);
    return evidence;
}

} // namespace

TEST_CASE("a .h in a repository of .cc files and no .c files is C++", "[context]")
{
    const LanguageEvidence cpp = repo_of({"db/db_impl.cc", "db/db_impl.h", "util/coding.cc"});
    CHECK(header_grammar("db/db_impl.h", std::nullopt, cpp) == "cpp");
    CHECK(grammar_for_file("db/db_impl.h", "int f(void);\n", cpp)->name == "cpp");
    const LanguageEvidence c = repo_of({"src/jv.c", "src/jv.h"});
    CHECK(header_grammar("src/jv.h", "int f(void);\n", c) == "c");
    // A mixed repository: the file's content decides, C when it shows nothing of C++.
    const LanguageEvidence mixed = repo_of({"a.c", "b.cpp"});
    CHECK(header_grammar("x.h", "struct s { int a; };\n", mixed) == "c");
    CHECK(header_grammar("x.h", "namespace n {\nint a;\n}\n", mixed) == "cpp");
}

TEST_CASE("C++-only constructs in a header make it C++ even in a C repository", "[context]")
{
    const LanguageEvidence c = repo_of({"a.c"});
    CHECK(header_grammar("t.h", "template <typename T> T max(T a, T b);\n", c) == "cpp");
    CHECK(header_grammar("t.h", "class Range : public Base {\n};\n", c) == "cpp");
    CHECK(header_grammar("t.h", "struct S {\npublic:\n  int x;\n};\n", c) == "cpp");
    CHECK(header_grammar("t.h", "int v = std::max(1, 2);\n", c) == "cpp");
    // Not in comments, strings or preprocessor lines, and "class" as a C name is not a class.
    CHECK(header_grammar("t.h", "/* template <T> namespace x { a::b */\nconst char* s = \"a::b\";\n#define X a::b\nint class;\n", c) == "c");
    CHECK(has_cpp_constructs("namespace {\nint hidden;\n}\n"));
    CHECK(has_cpp_constructs("struct Info {\n  const wchar_t* name = nullptr;\n};\n"));
    CHECK_FALSE(has_cpp_constructs("#ifdef __cplusplus\nextern \"C\" {\n#endif\nint f(void);\n"));
}

TEST_CASE("gitattributes linguist-language overrides everything, the last matching rule winning", "[context]")
{
    LanguageEvidence evidence = repo_of({"a.c"});
    add_gitattributes(evidence, "", "# comment\n*.h linguist-language=C++\nvendor/*.h   linguist-vendored linguist-language=C\n"
                                    "\"quoted\" linguist-language=C++\nbroken-line\n*.inc linguist-language=PHP\n");
    CHECK(header_grammar("include/x.h", "int f(void);\n", evidence) == "cpp");
    CHECK(header_grammar("vendor/y.h", "template <class T> T f();\n", evidence) == "c");
    CHECK(header_grammar("lib/z.inc", std::nullopt, evidence) == "");   // PHP: not ours
    CHECK(grammar_for_file("lib/z.inc", "<?php echo 1;", evidence) == nullptr);
    // A deeper .gitattributes applies below its own directory, after the root's.
    LanguageEvidence nested = repo_of({"a.c"});
    add_gitattributes_files(nested, {{"sub/.gitattributes", "*.h linguist-language=C\n"}, {".gitattributes", "*.h linguist-language=cpp\n"}});
    CHECK(header_grammar("sub/deep/a.h", std::nullopt, nested) == "c");
    CHECK(header_grammar("other/a.h", std::nullopt, nested) == "cpp");
    LanguageEvidence globbed;
    add_gitattributes(globbed, "", "**/include/** linguist-language=C++\n/top.h linguist-language=C++\n");
    CHECK(header_grammar("x/include/a.h", std::nullopt, globbed) == "cpp");
    CHECK(header_grammar("top.h", std::nullopt, globbed) == "cpp");
    CHECK(header_grammar("x/top.h", std::nullopt, globbed) == "c");
}

TEST_CASE("modelines name the language of headers, extensionless ones included", "[context]")
{
    const LanguageEvidence none;
    CHECK(modeline_grammar("// -*- C++ -*-\n#pragma once\n") == "cpp");
    CHECK(modeline_grammar("/* -*- mode: c; tab-width: 8 -*- */\n") == "c");
    CHECK(modeline_grammar("int a;\n// vim: set ft=cpp ts=2:\n") == "cpp");
    CHECK(modeline_grammar("// -*- coding: utf-8 -*-\n") == std::nullopt);
    CHECK(header_grammar("include/vector", "// The vector -*- C++ -*-\n#include <bits/x.h>\n", none) == "cpp");
    // Extensionless files are C-family only when something says so; Rakefile stays Ruby.
    CHECK(header_grammar("bin/tool", "#!/bin/sh\necho a::b\n", repo_of({"a.cpp"})) == std::nullopt);
    CHECK(grammar_for_file("bin/tool", "#!/bin/sh\n", repo_of({"a.cpp"})) == nullptr);
    CHECK(grammar_for_file("Rakefile", "task :a\n", none)->name == "ruby");
    // .inc is C-family only in a C or C++ repository.
    CHECK(header_grammar("x.inc", "X(a)\n", none) == std::nullopt);
    CHECK(header_grammar("x.inc", "X(a)\n", repo_of({"a.c"})) == "c");
    CHECK(header_grammar("x.inc", "X(a)\n", repo_of({"a.cc"})) == "cpp");
}

TEST_CASE("names that settle their language do not ask for evidence", "[context]")
{
    CHECK(language_needs_evidence("a/b.h"));
    CHECK(language_needs_evidence("a/B.INC"));
    CHECK(language_needs_evidence("include/vector"));
    CHECK_FALSE(language_needs_evidence("a/b.hpp"));
    CHECK_FALSE(language_needs_evidence("a/b.c"));
    CHECK(grammar_for_file("x.hpp", "int f(void);\n", repo_of({"a.c"}))->name == "cpp");
    CHECK(gitattributes_dir(".gitattributes") == std::string_view());
    CHECK(gitattributes_dir("a/b/.gitattributes") == std::string_view("a/b"));
    CHECK_FALSE(gitattributes_dir("a/gitattributes"));
}
