#include "context/language.hpp"
#include "context/ts_handles.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace oneshot::context;

TEST_CASE("files map to grammars by extension", "[context]")
{
    CHECK(grammar_for_path("src/main.c")->name == "c");
    CHECK(grammar_for_path("lib/x.HPP")->name == "cpp");
    CHECK(grammar_for_path("web/App.tsx")->name == "tsx");
    CHECK(grammar_for_path("a/b/setup.py")->name == "python");
    CHECK(grammar_for_path("Rakefile")->name == "ruby");
    CHECK(grammar_for_path("README.md") == nullptr);
    CHECK(grammar_for_path(".bashrc") == nullptr);
}

TEST_CASE("every compiled-in grammar loads into the runtime and its tags query compiles", "[context]")
{
    REQUIRE(grammars().size() >= 12);
    for (const Grammar& grammar : grammars()) {
        INFO(std::string(grammar.name));
        TsParser parser(ts_parser_new());
        REQUIRE(ts_parser_set_language(parser.get(), grammar.language()));
        if (grammar.tags_query.empty()) continue;
        uint32_t error_offset = 0;
        TSQueryError error = TSQueryErrorNone;
        TsQuery query(ts_query_new(grammar.language(), grammar.tags_query.data(),
                                   static_cast<uint32_t>(grammar.tags_query.size()), &error_offset, &error));
        CHECK(query != nullptr);
    }
}
