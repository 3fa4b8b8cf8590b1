// --localize: the cheap first request's prompt and the parsing of its answer.
#include "prompt/localize.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace oneshot;
using namespace oneshot::prompt;

namespace {

const std::set<std::string_view> kTree{"src/a.c", "src/b.c", "lib/x.py"};

bool known(std::string_view path)
{
    return kTree.contains(path);
}

} // namespace

TEST_CASE("localize: the answer's files and symbols come back in order, made-up paths dropped", "[prompt]")
{
    std::vector<std::string> dropped;
    auto focus = parse_focus(R"({"files": [{"path": "./src/b.c", "symbols": ["parse_args", "Config::load"]},
                                           {"path": "src/ghost.c", "symbols": []},
                                           {"path": "src/a.c", "symbols": []},
                                           {"path": "src/b.c", "symbols": ["again"]}]})",
                             known, dropped);
    REQUIRE(focus.ok());
    REQUIRE(focus->size() == 2);
    CHECK((*focus)[0].path == "src/b.c");
    CHECK((*focus)[0].symbols == std::vector<std::string>{"parse_args", "Config::load"});
    CHECK((*focus)[1].path == "src/a.c");
    CHECK(dropped == std::vector<std::string>{"src/ghost.c"});
}

TEST_CASE("localize: a fenced answer is read, a malformed one is a model error naming the field", "[prompt]")
{
    std::vector<std::string> dropped;
    auto fenced = parse_focus("Here:\n```json\n{\"files\": [{\"path\": \"lib/x.py\", \"symbols\": [\"f\"]}]}\n```\n", known, dropped);
    REQUIRE(fenced.ok());
    CHECK(fenced->size() == 1);

    for (const auto& [answer, where] : std::vector<std::pair<std::string, std::string>>{
             {"not json at all", "not JSON"},
             {"{\"paths\": []}", "\"files\""},
             {"{\"files\": [{\"symbols\": []}]}", "files[0].path"},
             {"{\"files\": [{\"path\": \"src/a.c\", \"symbols\": \"f\"}]}", "files[0].symbols"},
             {"{\"files\": [{\"path\": \"src/a.c\"}, {\"path\": \"src/b.c\", \"symbols\": [1]}]}", "files[1].symbols"}}) {
        INFO(answer);
        auto result = parse_focus(answer, known, dropped);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().kind == ErrorKind::model);
        CHECK_THAT(result.error().message, Catch::Contains(where));
    }
}

TEST_CASE("localize: the prompt carries the map and the task and asks for the focus schema", "[prompt]")
{
    context::ContextPack map;
    map.text = "==> src/a.c (outline, 10 lines) <==\n1: int main(void)\n";
    const auto prompt = localize_prompt("fix the exit code", map);
    CHECK(prompt.context == map.text);
    CHECK_THAT(prompt.task, Catch::Contains("fix the exit code"));
    CHECK(prompt.schema_name == "focus");
    CHECK(prompt.schema["required"] == nlohmann::json::array({"files"}));
    CHECK(localize_map_budget(32000) == 8000);
    CHECK(localize_map_budget(8000) == 2000);
    CHECK(localize_map_budget(100) == 1000);
}
