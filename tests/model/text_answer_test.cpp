#include "model/text_answer.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace oneshot;
using namespace oneshot::model;
using nlohmann::json;

TEST_CASE("text answers convert to the patch document, every action, code verbatim", "[model]")
{
    const std::string answer =
        "Here is the change.\n"
        "@@@ summary\n"
        "Return 1 from main\n"
        "@@@ explanation\n"
        "The caller checks for 1.\n"
        "Second line with \"quotes\" and \\backslashes\\.\n"
        "@@@ modify src/a.c\n"
        "@@@ search\n"
        "int main(void) {\n"
        "    return 0;\n"
        "@@@ replace\n"
        "int main(void) {\n"
        "    printf(\"%s\\n\", \"caf\xC3\xA9\");\n"
        "@@@ unknown marker is code\n"
        "    return 1;\n"
        "@@@ search\n"
        "}\n"
        "@@@ replace\n"
        "}\n"
        "\n"
        "@@@ write README.md\n"
        "# Title\n"
        "@@@ create src/new.h\n"
        "#pragma once\r\n"
        "@@@ delete old.txt\n"
        "@@@ rename src/x.c src/y.c\n"
        "@@@ end\n"
        "trailing chatter is ignored\n";
    auto converted = text_answer_to_document(answer);
    REQUIRE(converted.ok());
    const json expected = {
        {"summary", "Return 1 from main"},
        {"explanation", "The caller checks for 1.\nSecond line with \"quotes\" and \\backslashes\\."},
        {"changes", json::array({
            {{"path", "src/a.c"}, {"action", "modify"}, {"new_path", nullptr}, {"content", nullptr},
             {"edits", json::array({
                 {{"search", "int main(void) {\n    return 0;\n"},
                  {"replace", "int main(void) {\n    printf(\"%s\\n\", \"caf\xC3\xA9\");\n@@@ unknown marker is code\n    return 1;\n"}},
                 {{"search", "}\n"}, {"replace", "}\n\n"}}})}},
            {{"path", "README.md"}, {"action", "modify"}, {"new_path", nullptr}, {"content", "# Title\n"}, {"edits", nullptr}},
            {{"path", "src/new.h"}, {"action", "create"}, {"new_path", nullptr}, {"content", "#pragma once\n"}, {"edits", nullptr}},
            {{"path", "old.txt"}, {"action", "delete"}, {"new_path", nullptr}, {"content", nullptr}, {"edits", nullptr}},
            {{"path", "src/x.c"}, {"action", "rename"}, {"new_path", "src/y.c"}, {"content", nullptr}, {"edits", nullptr}},
        })}};
    CHECK(json::parse(*converted) == expected);
}

TEST_CASE("a JSON answer passes through the text format unchanged", "[model]")
{
    const std::string doc = R"({"summary":"s","explanation":"e","changes":[]})";
    auto converted = text_answer_to_document("\n  " + doc + "\n");
    REQUIRE(converted.ok());
    CHECK(json::parse(*converted) == json::parse(doc));
}

TEST_CASE("malformed text answers list every problem with its line", "[model]")
{
    struct Case {
        std::string answer;
        std::vector<std::string> problems;
    };
    const auto c = GENERATE(
        Case{"@@@ summary\ns\n@@@ write a.c\nx\n", {"no '@@@ end' line"}},
        Case{"@@@ summary\ns\n@@@ modify a.c\n@@@ search\nx\n@@@ end\n", {"line 4: '@@@ search' without its '@@@ replace'", "'@@@ modify a.c' has no search/replace pair"}},
        Case{"@@@ summary\ns\n@@@ modify a.c\n@@@ replace\ny\n@@@ end\n",
             {"line 4: '@@@ replace' without a preceding '@@@ search'", "'@@@ modify a.c' has no search/replace pair"}},
        Case{"@@@ summary\ns\n@@@ search\nx\n@@@ replace\ny\n@@@ end\n", {"line 3: '@@@ search' outside a modify"}},
        Case{"@@@ summary\ns\n@@@ rename a.c\n@@@ delete\n@@@ end\n",
             {"line 3: '@@@ rename' takes 2 paths, got 1", "line 4: '@@@ delete' takes 1 path, got 0"}},
        Case{"@@@ write a.c\nx\n@@@ end\n", {"no '@@@ summary' block"}},
        Case{"@@@ summary\ns\n@@@ modify a.c\nstray text\n@@@ search\nx\n@@@ replace\ny\n@@@ end\n",
             {"line 3: text after '@@@ modify' must be in"}},
        Case{"", {"no '@@@ end' line", "no '@@@ summary' block"}});
    CAPTURE(c.answer);
    auto converted = text_answer_to_document(c.answer);
    REQUIRE_FALSE(converted.ok());
    CHECK(converted.error().kind == ErrorKind::patch);
    for (const auto& problem : c.problems)
        CHECK_THAT(converted.error().detail, Catch::Contains(problem));
    const auto lines = std::count(converted.error().detail.begin(), converted.error().detail.end(), '\n');
    CHECK(lines == static_cast<long>(c.problems.size()));
}
