#include "context/words.hpp"

#include <catch2/catch.hpp>

using namespace oneshot::context;

TEST_CASE("identifiers split at camelCase, acronyms, digits and underscores", "[context]")
{
    CHECK(split_identifier("parseHTTPHeader") == std::vector<std::string>{"parse", "http", "header"});
    CHECK(split_identifier("parse_args") == std::vector<std::string>{"parse", "arg"});
    CHECK(split_identifier("MAX_BUFFER_SIZE") == std::vector<std::string>{"max", "buffer", "size"});
    CHECK(split_identifier("toJson2") == std::vector<std::string>{"to", "json2"});
    CHECK(split_identifier("__init__") == std::vector<std::string>{"init"});
    CHECK(split_identifier("1234").empty());
}

TEST_CASE("terms fold plurals but keep words ending in ss, us, is", "[context]")
{
    CHECK(normalize_term("Flags") == "flag");
    CHECK(normalize_term("classes") == "class");
    CHECK(normalize_term("status") == "status");
    CHECK(normalize_term("class") == "class");
    CHECK(normalize_term("axis") == "axis");
}

TEST_CASE("compound identifiers are indexed whole as well as by parts", "[context]")
{
    std::vector<std::pair<std::string, bool>> seen;
    for_each_term("call debugTrace(x);", [&](const std::string& t, bool whole) { seen.emplace_back(t, whole); });
    const std::vector<std::pair<std::string, bool>> expected{
        {"call", false}, {"debug", false}, {"trace", false}, {"debugtrace", true}, {"x", false}};
    CHECK(seen == expected);
}

TEST_CASE("task terms drop stopwords and one-letter words", "[context]")
{
    CHECK(task_terms("Fix the crash when the --exit-code flag is given") ==
          std::vector<std::string>{"crash", "exit", "code", "flag", "given"});
}
