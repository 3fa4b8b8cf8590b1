// Bundled third-party code in the context: listed, not shown, unless the task names it.
#include "context/engine.hpp"
#include "memory_tree.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>

using namespace oneshot::context;
using oneshot::context::testing::MemoryTree;

namespace {

const char* kMit = "\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n";

std::string header(const std::string& holder) { return "/* Copyright (c) 2007-14 " + holder + " */\n"; }

// A JSON library bundling a test framework whose code is all about numbers and values.
std::map<std::string, std::string> library()
{
    const std::string them = "Mike Karlesky, Mark VanderVoord, Greg Williams";
    std::map<std::string, std::string> files{
        {"LICENSE", "Copyright (c) 2009-2017 Dave Gamble and cJSON contributors" + std::string(kMit)},
        {"cJSON.h", header("Dave Gamble") + "typedef struct cJSON { double valuedouble; } cJSON;\n"
                                            "double cJSON_GetArrayValue(const cJSON *item);\n"},
        {"cJSON.c", header("Dave Gamble") + "#include \"cJSON.h\"\n"
                                            "double cJSON_GetArrayValue(const cJSON *item)\n{\n    return item->valuedouble;\n}\n"},
        {"tests/unity/README.md", "Unity: number and value assertions\n"},
        {"tests/unity/.travis.yml", "language: c\n"},
        {"tests/unity/docs/license.txt", "The MIT License (MIT)\n\nCopyright (c) <year> 2007-14 " + them + kMit},
    };
    std::string unity = header(them);
    unity += "void UnityAssertEqualNumber(const long expected, const long actual)\n{\n"
             "    /* number value: compare the number value of the expected and the actual number */\n"
             "    if (expected != actual) UnityFail(\"number value\");\n}\n";
    for (int i = 0; i < 40; ++i) {
        unity += "void UnityAssertNumberValue" + std::to_string(i) + "(double number, double value)\n{\n"
                 "    /* returns the number value of an item */\n    UnityAssertEqualNumber((long)number, (long)value);\n}\n";
    }
    files["tests/unity/src/unity.c"] = unity;
    files["tests/unity/src/unity.h"] = header(them) + "void UnityAssertEqualNumber(const long expected, const long actual);\n";
    files["tests/unity/src/unity_internals.h"] = header(them) + "#define UNITY_NUMBER_VALUE(number, value) ((number) == (value))\n";
    files["tests/unity/extras/fixture/src/unity_fixture.c"] = header(them) + "int unity_fixture_number_value(int number) { return number; }\n";
    return files;
}

ContextPack pack_for(const std::string& task, std::vector<FocusFile> focus = {})
{
    const MemoryTree tree(library());
    ContextRequest request;
    request.task = task;
    request.budget = 8000;
    request.focus = std::move(focus);
    auto pack = build_context(tree, request);
    REQUIRE(pack);
    return std::move(*pack);
}

const ShownFile* shown(const ContextPack& pack, const std::string& path)
{
    for (const auto& f : pack.files) {
        if (f.path == path) return &f;
    }
    return nullptr;
}

} // namespace

TEST_CASE("context: bundled code is listed with its reason, not shown, for a task about the project", "[context]")
{
    const auto pack = pack_for("Add a function cJSON_GetNumberValue that returns the number value of an item");
    REQUIRE(pack.vendored.size() == 1);
    CHECK(pack.vendored[0].path == "tests/unity");
    CHECK_THAT(pack.vendored[0].reason, Catch::Contains("licence of mike karlesky"));
    const ShownFile* unity = shown(pack, "tests/unity/src/unity.c");
    REQUIRE(unity);
    CHECK(unity->mode == ShowMode::listed);
    CHECK(unity->kind == FileKind::vendored);
    CHECK_THAT(unity->why, Catch::Contains("bundled in tests/unity"));
    for (const auto& f : pack.files) {
        if (f.path.starts_with("tests/unity/")) CHECK(f.mode == ShowMode::listed);
    }
    const ShownFile* own = shown(pack, "cJSON.c");
    REQUIRE(own);
    CHECK(own->mode != ShowMode::listed);
    CHECK(own->kind == FileKind::code);

    const auto json = to_json(pack);
    CHECK(json["vendored"][0]["path"] == "tests/unity");
    CHECK(json["vendored"][0]["kind"] == "vendored");
    for (const auto& f : json["files"]) {
        const std::string path = f["path"];
        CHECK(f["kind"] == (path.starts_with("tests/unity/") ? "vendored" : path.ends_with(".c") || path.ends_with(".h") ? "source" : f["kind"]));
    }
}

TEST_CASE("context: bundled code the task names is shown as its own kind", "[context]")
{
    const auto pack = pack_for("UnityAssertEqualNumber prints the wrong message when the numbers differ");
    const ShownFile* unity = shown(pack, "tests/unity/src/unity.c");
    REQUIRE(unity);
    CHECK(unity->mode != ShowMode::listed);
    CHECK(unity->kind == FileKind::test);
    CHECK_THAT(unity->why, Catch::Contains("bundled in tests/unity, ranked as its own kind"));
    // Its neighbours that the task does not name stay bundled.
    const ShownFile* fixture = shown(pack, "tests/unity/extras/fixture/src/unity_fixture.c");
    REQUIRE(fixture);
    CHECK(fixture->kind == FileKind::vendored);
}

TEST_CASE("context: a bundled file the model chose (--localize) is shown as its own kind", "[context]")
{
    const auto pack = pack_for("Add a function cJSON_GetNumberValue that returns the number value of an item",
                               {FocusFile{"tests/unity/extras/fixture/src/unity_fixture.c", {}}});
    const ShownFile* fixture = shown(pack, "tests/unity/extras/fixture/src/unity_fixture.c");
    REQUIRE(fixture);
    CHECK(fixture->mode != ShowMode::listed);
    CHECK(fixture->kind == FileKind::test);
    CHECK_THAT(fixture->why, Catch::Contains("chosen by the model") && Catch::Contains("ranked as its own kind"));
}
