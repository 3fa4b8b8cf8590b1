// parse_document: valid documents in, precise errors (which change, which field, why) for bad ones.
#include "patch/engine.hpp"
#include "patch/limits.hpp"

#include <catch2/catch.hpp>

using namespace oneshot;
using namespace oneshot::patch;

namespace {

std::string error_of(std::string_view text)
{
    auto result = parse_document(text);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::patch);
    return result.error().message;
}

} // namespace

TEST_CASE("parse_document reads every field of a full document", "[patch]")
{
    auto doc = parse_document(R"({"summary": "s", "explanation": "e", "changes": [
        {"path": "a.c", "action": "modify", "new_path": null, "content": null,
         "edits": [{"search": "x", "replace": "y"}, {"search": "p", "replace": ""}]},
        {"path": "b.c", "action": "create", "new_path": null, "content": "text", "edits": null},
        {"path": "c.c", "action": "delete", "new_path": null, "content": null, "edits": null},
        {"path": "d.c", "action": "rename", "new_path": "e.c", "content": null, "edits": null}]})");
    REQUIRE(doc.ok());
    CHECK(doc->summary == "s");
    CHECK(doc->explanation == "e");
    REQUIRE(doc->changes.size() == 4);
    CHECK(doc->changes[0].action == Action::modify);
    REQUIRE(doc->changes[0].edits);
    CHECK(doc->changes[0].edits->size() == 2);
    CHECK((*doc->changes[0].edits)[1].search == "p");
    CHECK((*doc->changes[0].edits)[1].replace.empty());
    CHECK(doc->changes[1].action == Action::create);
    CHECK(doc->changes[1].content == std::optional<std::string>("text"));
    CHECK(doc->changes[2].action == Action::remove);
    CHECK(doc->changes[3].action == Action::rename);
    CHECK(doc->changes[3].new_path == std::optional<std::string>("e.c"));
    CHECK_FALSE(doc->changes[3].content);
}

TEST_CASE("hand-written documents may leave out keys whose value is null, and the explanation", "[patch]")
{
    auto doc = parse_document(R"({"summary": "s", "changes": [{"path": "c.c", "action": "delete"},
        {"path": "n.c", "action": "create", "content": ""}]})");
    REQUIRE(doc.ok());
    CHECK(doc->explanation.empty());
    CHECK_FALSE(doc->changes[0].new_path);
    CHECK(doc->changes[1].content == std::optional<std::string>(""));
}

TEST_CASE("version 1 is accepted when present, other versions are refused by number", "[patch]")
{
    CHECK(parse_document(R"({"version": 1, "summary": "s", "changes": [{"path": "c", "action": "delete"}]})").ok());
    CHECK_THAT(error_of(R"({"version": 2, "summary": "s", "changes": [{"path": "c", "action": "delete"}]})"),
               Catch::Contains("unsupported patch document version 2") && Catch::Contains("version 1"));
    CHECK_THAT(error_of(R"({"version": "1", "summary": "s", "changes": [{"path": "c", "action": "delete"}]})"),
               Catch::Contains("version"));
}

TEST_CASE("malformed documents are refused naming the field and why", "[patch]")
{
    CHECK_THAT(error_of("not json"), Catch::Contains("not valid JSON"));
    CHECK_THAT(error_of(R"({"summary": "s", "changes": []} trailing)"), Catch::Contains("not valid JSON"));
    CHECK_THAT(error_of("[1, 2]"), Catch::Contains("expected an object, got array"));
    CHECK_THAT(error_of(R"({"changes": [{"path": "c", "action": "delete"}]})"), Catch::Contains("summary: missing"));
    CHECK_THAT(error_of(R"({"summary": "  ", "changes": [{"path": "c", "action": "delete"}]})"), Catch::Contains("summary: is blank"));
    CHECK_THAT(error_of(R"({"summary": 3, "changes": []})"), Catch::Contains("summary: expected a string, got number"));
    CHECK_THAT(error_of(R"({"summary": "s", "changes": []})"), Catch::Contains("changes: is empty"));
    CHECK_THAT(error_of(R"({"summary": "s", "changes": {}})"), Catch::Contains("changes: expected an array, got object"));
    CHECK_THAT(error_of(R"({"summary": "s", "chagnes": []})"), Catch::Contains("unknown key \"chagnes\""));
    CHECK_THAT(error_of(R"({"summary": "s", "changes": [{"path": "a", "action": "delete"}, 7]})"),
               Catch::Contains("changes[1]: expected an object, got number"));
    CHECK_THAT(error_of(R"({"summary": "s", "changes": [{"action": "delete"}]})"), Catch::Contains("changes[0].path: missing"));
    CHECK_THAT(error_of(R"({"summary": "s", "changes": [{"path": "a", "action": "remove"}]})"),
               Catch::Contains("changes[0].action: unknown action \"remove\""));
    CHECK_THAT(error_of(R"({"summary": "s", "changes": [{"path": "a", "action": "modify", "content": 5}]})"),
               Catch::Contains("changes[0].content: expected a string or null, got number"));
    CHECK_THAT(error_of(R"({"summary": "s", "changes": [{"path": "a", "action": "modify", "edits": "x"}]})"),
               Catch::Contains("changes[0].edits: expected an array or null, got string"));
    CHECK_THAT(error_of(R"({"summary": "s", "changes": [{"path": "a", "action": "modify", "edits": [{"serach": "x", "replace": "y"}]}]})"),
               Catch::Contains("changes[0].edits[0]: unknown key \"serach\""));
    CHECK_THAT(error_of(R"({"summary": "s", "changes": [{"path": "a", "action": "modify", "edits": [{"search": "x"}]}]})"),
               Catch::Contains("changes[0].edits[0].replace: missing"));
    CHECK_THAT(error_of(R"({"summary": "s", "changes": [{"path": "a", "action": "modify", "edits": [{"search": "", "replace": "y"}]}]})"),
               Catch::Contains("changes[0].edits[0].search: is empty"));
}

TEST_CASE("each action's keys are checked", "[patch]")
{
    const std::string head = R"({"summary": "s", "changes": [)";
    CHECK_THAT(error_of(head + R"({"path": "a", "action": "modify"}]})"), Catch::Contains("changes[0].edits: action \"modify\" needs edits or content"));
    CHECK_THAT(error_of(head + R"({"path": "a", "action": "modify", "content": "x", "edits": [{"search": "a", "replace": "b"}]}]})"),
               Catch::Contains("not both"));
    CHECK_THAT(error_of(head + R"({"path": "a", "action": "modify", "new_path": "b", "content": "x"}]})"),
               Catch::Contains("changes[0].new_path: must be null for action \"modify\""));
    CHECK_THAT(error_of(head + R"({"path": "a", "action": "create"}]})"), Catch::Contains("changes[0].content: action \"create\" needs"));
    CHECK_THAT(error_of(head + R"({"path": "a", "action": "create", "content": "", "edits": [{"search": "a", "replace": "b"}]}]})"),
               Catch::Contains("changes[0].edits: must be null for action \"create\""));
    CHECK_THAT(error_of(head + R"({"path": "a", "action": "delete", "content": ""}]})"),
               Catch::Contains("changes[0].content: must be null for action \"delete\""));
    CHECK_THAT(error_of(head + R"({"path": "a", "action": "rename"}]})"), Catch::Contains("changes[0].new_path: action \"rename\" needs new_path"));
    CHECK_THAT(error_of(head + R"({"path": "a", "action": "modify", "edits": []}]})"), Catch::Contains("changes[0].edits: is an empty list"));
}

TEST_CASE("duplicate keys, deep nesting and oversized documents are refused", "[patch]")
{
    CHECK_THAT(error_of(R"({"summary": "s", "changes": [{"path": "a", "path": "../b", "action": "delete"}]})"),
               Catch::Contains("duplicate key \"path\""));
    std::string deep = R"({"summary": "s", "changes": )" + std::string(100, '[') + std::string(100, ']') + "}";
    CHECK_THAT(error_of(deep), Catch::Contains("nests deeper"));
    std::string big(max_document_bytes + 1, ' ');
    CHECK_THAT(error_of(big), Catch::Contains("the limit is"));
}

TEST_CASE("invalid UTF-8 inside a JSON string is refused by the parser", "[patch]")
{
    CHECK_THAT(error_of("{\"summary\": \"s\xff\", \"changes\": [{\"path\": \"a\", \"action\": \"delete\"}]}"),
               Catch::Contains("not valid JSON"));
}
