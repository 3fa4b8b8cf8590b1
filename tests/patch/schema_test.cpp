// The strict answer schema stays inside what strict structured-output modes accept, and describes
// the same document as patches/patch.schema.json.
#include "patch/schema.hpp"
#include "patch/tree_fixture.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using nlohmann::json;
using namespace oneshot::patch;

namespace {

// Keywords OpenAI strict mode accepts; anything else (minLength, oneOf, if/then, const...) is refused.
const std::set<std::string> strict_keywords = {"type", "properties", "required", "additionalProperties", "items",
                                               "enum", "description"};

void check_strict(const json& schema, const std::string& where)
{
    INFO("at " << where);
    REQUIRE(schema.is_object());
    for (const auto& item : schema.items())
        CHECK(strict_keywords.count(item.key()) == 1);
    const json& type = schema.at("type");
    const bool is_object = type == "object" || (type.is_array() && std::find(type.begin(), type.end(), "object") != type.end());
    if (is_object) {
        CHECK(schema.at("additionalProperties") == false);
        std::set<std::string> properties, required;
        for (const auto& item : schema.at("properties").items()) {
            properties.insert(item.key());
            check_strict(item.value(), where + "." + item.key());
        }
        for (const auto& key : schema.at("required"))
            required.insert(key.get<std::string>());
        CHECK(properties == required);
    }
    if (schema.contains("items"))
        check_strict(schema.at("items"), where + "[]");
}

std::set<std::string> keys_of(const json& properties)
{
    std::set<std::string> keys;
    for (const auto& item : properties.items())
        keys.insert(item.key());
    return keys;
}

} // namespace

TEST_CASE("strict answer schema: every key required, no additional properties, strict keywords only", "[patch]")
{
    const json& schema = strict_answer_schema();
    check_strict(schema, "$");
    const json& change = schema["properties"]["changes"]["items"];
    CHECK(change["properties"]["new_path"]["type"] == json::array({"string", "null"}));
    CHECK(change["properties"]["content"]["type"] == json::array({"string", "null"}));
    CHECK(change["properties"]["edits"]["type"] == json::array({"array", "null"}));
    CHECK(change["properties"]["action"]["enum"] == json::array({"modify", "create", "delete", "rename"}));
}

TEST_CASE("strict answer schema and patches/patch.schema.json name the same keys", "[patch]")
{
    const auto text = testing::read_bytes(testing::fs::path(ONESHOT_SOURCE_DIR) / "patches" / "patch.schema.json");
    const json full = json::parse(text);
    CHECK(full["$schema"] == "https://json-schema.org/draft/2020-12/schema");
    const json& strict = strict_answer_schema();

    std::set<std::string> full_top = keys_of(full["properties"]);
    full_top.erase("version");   // optional in files, never asked of a model
    CHECK(full_top == keys_of(strict["properties"]));
    CHECK(keys_of(full["$defs"]["change"]["properties"]) == keys_of(strict["properties"]["changes"]["items"]["properties"]));
    CHECK(keys_of(full["$defs"]["edit"]["properties"]) ==
          keys_of(strict["properties"]["changes"]["items"]["properties"]["edits"]["items"]["properties"]));
    CHECK(full["$defs"]["change"]["properties"]["action"]["enum"] ==
          strict["properties"]["changes"]["items"]["properties"]["action"]["enum"]);
}
