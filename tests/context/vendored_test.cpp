// Recognising bundled third-party projects from the evidence in a tree.
#include "context/vendored.hpp"

#include "context/memory_tree.hpp"

#include <catch2/catch.hpp>

using namespace oneshot::context;
using oneshot::context::testing::MemoryTree;

namespace {

const char* kMit = "\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n"
                   "THE SOFTWARE IS PROVIDED \"AS IS\". IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE\n";

std::string mit(const std::string& holder) { return "MIT License\n\nCopyright (c) 2009-2017 " + holder + kMit; }

std::string c_file(const std::string& holder, const std::string& body = "int f(void) { return 0; }\n")
{
    return "/* ====\n    Copyright (c) 2007-14 " + holder + "\n    [Released under MIT License]\n==== */\n" + body;
}

std::vector<VendoredRoot> roots_of(const std::map<std::string, std::string>& files)
{
    const MemoryTree tree(files);
    return find_vendored(gather_vendor_evidence(tree));
}

std::vector<std::string> paths_of(const std::vector<VendoredRoot>& roots)
{
    std::vector<std::string> out;
    for (const auto& r : roots) out.push_back(r.path);
    return out;
}

// A small C library that bundles a test framework the way cJSON bundles Unity: a README and a
// repository's dot-files at its root, its licence in docs/, its authors in every header.
std::map<std::string, std::string> library_with_bundled_framework()
{
    const std::string them = "Mike Karlesky, Mark VanderVoord, Greg Williams";
    return {
        {"LICENSE", mit("Dave Gamble and cJSON contributors")},
        {"README.md", "# cJSON\n"},
        {"CMakeLists.txt", "project(cJSON C)\n"},
        {"cJSON.c", c_file("Dave Gamble and cJSON contributors")},
        {"cJSON.h", c_file("Dave Gamble and cJSON contributors")},
        {"tests/parse_examples.c", "#include \"unity/src/unity.h\"\nvoid test(void) {}\n"},
        {"tests/CMakeLists.txt", "add_executable(parse_examples parse_examples.c)\n"},
        {"tests/unity/README.md", "Unity Test API\n"},
        {"tests/unity/.travis.yml", "language: c\n"},
        {"tests/unity/docs/license.txt", "The MIT License (MIT)\n\nCopyright (c) <year> 2007-14 " + them + kMit},
        {"tests/unity/docs/UnityAssertionsReference.md", "# Assertions\n"},
        {"tests/unity/src/unity.c", c_file(them)},
        {"tests/unity/src/unity.h", c_file(them)},
        {"tests/unity/src/unity_internals.h", c_file(them)},
        {"tests/unity/extras/fixture/src/unity_fixture.c", c_file(them)},
        {"tests/unity/auto/generate_test_runner.rb", "class UnityTestRunnerGenerator\nend\n"},
    };
}

} // namespace

TEST_CASE("vendored: a bundled test framework is found by its licence, README and headers", "[context]")
{
    const auto roots = roots_of(library_with_bundled_framework());
    REQUIRE(paths_of(roots) == std::vector<std::string>{"tests/unity"});
    CHECK(roots[0].kind == FileKind::vendored);
    CHECK_THAT(roots[0].reason, Catch::Contains("licence of mike karlesky") && Catch::Contains("docs/license.txt") &&
                                    Catch::Contains("README") && Catch::Contains("copyright headers of"));
    CHECK(vendored_root_of(roots, "tests/unity/src/unity.c") == &roots[0]);
    CHECK(vendored_root_of(roots, "tests/unity/auto/generate_test_runner.rb") == &roots[0]);
    CHECK(vendored_root_of(roots, "tests/parse_examples.c") == nullptr);
    CHECK(vendored_root_of(roots, "tests/unity2/x.c") == nullptr);
    CHECK(vendored_root_of(roots, "cJSON.c") == nullptr);
}

TEST_CASE("vendored: the project's own packages, examples and sources are never bundled", "[context]")
{
    const std::string apache = "Apache License\nVersion 2.0, January 2004\n\nTERMS AND CONDITIONS FOR USE\n";
    const auto roots = roots_of({
        {"LICENSE", mit("Colin McDonnell")},
        {"NOTICE.txt", apache},
        {"packages/zod/LICENSE", mit("Colin McDonnell")},   // the same holder: ours
        {"packages/zod/README.md", "# zod\n"},
        {"packages/zod/package.json", "{}\n"},
        {"packages/zod/src/index.ts", "export const z = 1;\n"},
        {"examples/app/README.md", "# example\n"},   // a project root, but no licence: ours
        {"examples/app/setup.py", "setup()\n"},
        {"examples/app/app.py", "# Copyright (c) 2020 Someone Else\nprint(1)\n"},
        {"examples/app/cli.py", "# Copyright (c) 2020 Someone Else\nprint(1)\n"},
        {"examples/app/util.py", "# Copyright (c) 2020 Someone Else\nprint(1)\n"},
        {"src/main.c", c_file("Colin McDonnell")},
    });
    CHECK(roots.empty());
}

TEST_CASE("vendored: a copy of the top-level licence text is ours even without a holder", "[context]")
{
    const std::string apache = "Apache License\nVersion 2.0, January 2004\n\nTERMS AND CONDITIONS FOR USE\n";
    const auto roots = roots_of({
        {"LICENSE", apache},
        {"packages/a/LICENSE", apache},
        {"packages/a/README.md", "# a\n"},
        {"packages/a/package.json", "{}\n"},
        {"packages/a/index.js", "module.exports = 1;\n"},
        {"packages/b/LICENSE", "Apache License\n  Version 2.0,  January 2004\n\nTERMS AND CONDITIONS FOR USE\n"},
        {"packages/b/README.md", "# b\n"},
        {"packages/b/package.json", "{}\n"},
    });
    CHECK(roots.empty());
}

TEST_CASE("vendored: a library dropped into src/ without a README is found by licence and headers", "[context]")
{
    std::map<std::string, std::string> files{
        {"COPYING", "jq is copyright (C) 2012 Stephen Dolan\n\nPermission is hereby granted\n"},
        {"src/main.c", "int main(void) { return 0; }\n"},
        {"src/jv.c", "int jv(void) { return 0; }\n"},
        {"src/Makefile.am", "bin_PROGRAMS = jq\n"},
        {"src/decNumber/ICU-license.html", "<html><p>COPYRIGHT AND PERMISSION NOTICE</p>\n"
                                           "<p>Copyright (c) 1995-2005 International Business Machines Corporation and others</p>\n"},
    };
    for (const char* name : {"decNumber.c", "decContext.c", "decDouble.c", "decQuad.c"})
        files[std::string("src/decNumber/") + name] = "/* ---- */\n/* Copyright (c) IBM Corporation, 2000, 2009.  All rights reserved. */\nint x;\n";
    const auto roots = roots_of(files);
    REQUIRE(paths_of(roots) == std::vector<std::string>{"src/decNumber"});
    CHECK_THAT(roots[0].reason, Catch::Contains("international business machines") && Catch::Contains("copyright headers of ibm"));
}

TEST_CASE("vendored: someone else's licence decides alone, one we cannot compare needs a project root", "[context]")
{
    const auto roots = roots_of({
        {"LICENSE", mit("Jane Doe")},
        {"src/base64/LICENSE", mit("John Roe")},
        {"src/base64/base64.c", "int b64(void) { return 0; }\n"},
        {"src/other/LICENSE", "Apache License\nVersion 2.0\n"},   // no holder to compare
        {"src/other/other.c", "int other(void) { return 0; }\n"},
        {"src/lib/LICENSE", "Apache License\nVersion 2.0\n"},
        {"src/lib/README.md", "# lib\n"},
        {"src/lib/Makefile", "all:\n"},
        {"src/lib/lib.c", "int lib(void) { return 0; }\n"},
    });
    REQUIRE(paths_of(roots) == std::vector<std::string>{"src/base64", "src/lib"});
    CHECK_THAT(roots[0].reason, Catch::Contains("licence of john roe (LICENSE)"));
    CHECK_THAT(roots[1].reason, Catch::Contains("a licence of its own (LICENSE)") && Catch::Contains("README"));
}

TEST_CASE("vendored: a licence counts for its parent only from a folder that is not a project itself", "[context]")
{
    // As in redis: deps/ is the project's own glue around bundled projects that have a README
    // and a Makefile each; the licence of one of them says nothing about deps/ itself.
    const auto roots = roots_of({
        {"LICENSE.txt", "Source Available License\n"},
        {"deps/README.md", "How we update the dependencies\n"},
        {"deps/Makefile", "all:\n"},
        {"deps/lua/COPYRIGHT", "Lua License\nCopyright (C) 1994-2012 Lua.org, PUC-Rio.\n"},
        {"deps/lua/README", "This is Lua\n"},
        {"deps/lua/Makefile", "all:\n"},
        {"deps/lua/src/lapi.c", "int lua_api;\n"},
    });
    REQUIRE(paths_of(roots) == std::vector<std::string>{"deps/lua"});
    CHECK_THAT(roots[0].reason, Catch::Contains("a licence of its own (COPYRIGHT)"));
}

TEST_CASE("vendored: .gitattributes declarations become the outermost fully marked directories", "[context]")
{
    VendorEvidence e;
    e.paths = {"Makefile", "src/decNumber/decNumber.c", "src/decNumber/sub/x.c", "src/jv.c", "src/parser.c",
               "src/parser.h", "src/parser.y", "web/jquery.min.js", "web/app.js"};
    e.attributes = {{".gitattributes", "src/decNumber/** linguist-vendored\nsrc/parser.[ch] linguist-generated\n*.min.js linguist-vendored\n"}};
    const auto roots = find_vendored(e);
    REQUIRE(paths_of(roots) == std::vector<std::string>{"src/decNumber", "src/parser.c", "src/parser.h", "web/jquery.min.js"});
    CHECK(roots[0].kind == FileKind::vendored);
    CHECK(roots[0].reason == "linguist-vendored in .gitattributes");
    CHECK(roots[1].kind == FileKind::generated);
    CHECK(roots[1].reason == "linguist-generated in .gitattributes");
    CHECK(vendored_root_of(roots, "src/parser.y") == nullptr);
    CHECK(vendored_root_of(roots, "src/decNumber/sub/x.c") == &roots[0]);
}

TEST_CASE("vendored: never the repository's top level", "[context]")
{
    VendorEvidence e;
    e.paths = {"a.c", "lib/b.c", "lib/c.c"};
    e.attributes = {{".gitattributes", "* linguist-vendored\n"}};
    e.gitmodules = "[submodule \"self\"]\n\tpath = .\n";
    CHECK(find_vendored(e).empty());

    // A sub-licence crediting its parent stops below the top: tests/LICENSE does not make "" a root.
    const auto roots = roots_of({{"LICENSE", mit("Jane Doe")}, {"docs/LICENSE", mit("John Roe")}, {"docs/README.md", "x"}, {"a.c", "int a;"}});
    for (const auto& r : roots) CHECK_FALSE(r.path.empty());
}

TEST_CASE("vendored: a root is found for the paths inside it whatever sorts between them", "[context]")
{
    VendorEvidence e;
    e.paths = {"a/b-c/y.c", "a/b/x.c", "a/b/z/w.c", "a/keep.c"};
    e.gitmodules = "[submodule \"b\"]\n\tpath = a/b\n[submodule \"bc\"]\n\tpath = a/b-c\n[submodule \"z\"]\n\tpath = a/b/z\n";
    const auto roots = find_vendored(e);
    REQUIRE(paths_of(roots) == std::vector<std::string>{"a/b", "a/b-c"});
    CHECK(vendored_root_of(roots, "a/b/x.c") == &roots[0]);
    CHECK(vendored_root_of(roots, "a/b/z/w.c") == &roots[0]);
    CHECK(vendored_root_of(roots, "a/b-c/y.c") == &roots[1]);
    CHECK(vendored_root_of(roots, "a/keep.c") == nullptr);
}

TEST_CASE("vendored: submodule paths holding tracked files are bundled", "[context]")
{
    VendorEvidence e;
    e.paths = {"deps/lua/lua.c", "src/main.c", "vendor/oniguruma/onig.c"};
    e.gitmodules = "[submodule \"vendor/oniguruma\"]\n\tpath = vendor/oniguruma\n\turl = https://example.org/onig.git\n"
                   "[submodule \"gone\"]\n\tpath = gone/\n[submodule \"lua\"]\n  path=./deps/lua/\n";
    const auto roots = find_vendored(e);
    REQUIRE(paths_of(roots) == std::vector<std::string>{"deps/lua", "vendor/oniguruma"});
    CHECK(roots[0].reason == "a submodule path in .gitmodules");
}

TEST_CASE("vendored: the copyright holder of a notice, not of licence prose", "[context]")
{
    CHECK(copyright_holder("Copyright (c) 2009-2017 Dave Gamble and cJSON contributors\n") ==
          std::vector<std::string>{"dave", "gamble", "cjson"});
    CHECK(copyright_holder("jq is copyright (C) 2012 Stephen Dolan\n") == std::vector<std::string>{"stephen", "dolan"});
    CHECK(copyright_holder("Copyright (c) 2008-present The pip developers (see AUTHORS.txt file)\n") == std::vector<std::string>{"pip"});
    CHECK(copyright_holder("Copyright (c) <year> <copyright holders>\nCopyright 2009 The Go Authors.\n") ==
          std::vector<std::string>{"go"});
    CHECK(copyright_holder("The above copyright notice and this permission notice shall be included\n").empty());
    CHECK(copyright_holder("THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE\nCOPYRIGHT AND PERMISSION NOTICE\n").empty());
    CHECK(copyright_holder("int main(void) { return 0; }\n").empty());
    CHECK(copyright_holder("work in a fashion requiring copyright permission other than making an\n").empty());
    CHECK(copyright_holder("<p>Copyright &copy; 2005 International Business Machines</p>") ==
          std::vector<std::string>{"international", "business", "machines"});
}

TEST_CASE("vendored: evidence reads stay few on a large tree", "[context]")
{
    std::map<std::string, std::string> files{{"LICENSE", mit("Jane Doe")}};
    for (int d = 0; d < 300; ++d) {
        const std::string dir = "lib" + std::to_string(d) + "/";
        files[dir + "LICENSE"] = mit("Author " + std::to_string(d));
        files[dir + "Makefile"] = "all:\n";
        for (int f = 0; f < 20; ++f) files[dir + "f" + std::to_string(f) + ".c"] = "int x;\n";
    }
    const MemoryTree tree(files);
    const auto e = gather_vendor_evidence(tree);
    const std::size_t reads = tree.reads_.load();
    CHECK(reads <= 400);
    CHECK(e.heads.size() == reads);
}

TEST_CASE("vendored: a module whose licence names no one, like the project's, is the project's", "[context]")
{
    // google/gson: LICENSE and gson/LICENSE are both Apache texts without a holder, a little apart.
    const auto roots = roots_of({
        {"LICENSE", "\n   Apache License\n   Version 2.0, January 2004\n"},
        {"gson/LICENSE", "Google Gson\n\n   Apache License\n   Version 2.0, January 2004\n"},
        {"gson/README.md", "# Gson\n"},
        {"gson/pom.xml", "<project/>\n"},
        {"gson/src/main/java/Gson.java", "class Gson {}\n"},
    });
    CHECK(roots.empty());
}
