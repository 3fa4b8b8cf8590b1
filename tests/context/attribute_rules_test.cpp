// The .gitattributes lines that declare vendored and generated files.
#include "context/attribute_rules.hpp"

#include <catch2/catch.hpp>

using namespace oneshot::context;

namespace {

bool vendored(const std::vector<AttributeRule>& rules, std::string_view path)
{
    return attributes_of(rules, path).vendored.value_or(false);
}

bool generated(const std::vector<AttributeRule>& rules, std::string_view path)
{
    return attributes_of(rules, path).generated.value_or(false);
}

} // namespace

TEST_CASE("attribute rules: only lines about the linguist attributes are kept", "[context]")
{
    const auto rules = parse_attribute_rules(".gitattributes", "* text=auto eol=lf\n"
                                                               "# vendored files\n"
                                                               "src/decNumber/** linguist-vendored\n"
                                                               "src/parser.[ch] linguist-generated=true\n"
                                                               "[attr]binary -diff -merge -text\n"
                                                               "!negated linguist-vendored\n"
                                                               "*.h linguist-language=C\n");
    REQUIRE(rules.size() == 2);
    CHECK(rules[0].anchored);
    CHECK(rules[0].pattern == std::vector<std::string>{"src", "decNumber", "**"});
    CHECK(rules[0].vendored == true);
    CHECK_FALSE(rules[0].generated.has_value());
    CHECK(rules[1].generated == true);
}

TEST_CASE("attribute rules: patterns match as gitattributes(5) says", "[context]")
{
    const auto rules = parse_attribute_rules(".gitattributes", "src/decNumber/** linguist-vendored\n"
                                                               "src/parser.[ch] linguist-generated\n"
                                                               "*.min.js linguist-vendored\n"
                                                               "/top.c linguist-vendored\n"
                                                               "deps/ linguist-vendored\n"
                                                               "a/**/z.c linguist-vendored\n");
    CHECK(vendored(rules, "src/decNumber/decNumber.c"));
    CHECK(vendored(rules, "src/decNumber/sub/x.c"));
    CHECK_FALSE(vendored(rules, "src/decNumber"));   // a/** is what is inside a
    CHECK_FALSE(vendored(rules, "src/decNumberX/x.c"));
    CHECK(generated(rules, "src/parser.c"));
    CHECK(generated(rules, "src/parser.h"));
    CHECK_FALSE(generated(rules, "src/parser.y"));
    CHECK_FALSE(generated(rules, "lib/src/parser.c"));   // anchored at the file's directory
    CHECK(vendored(rules, "web/js/jquery.min.js"));       // no slash: the name at any depth
    CHECK(vendored(rules, "top.c"));
    CHECK_FALSE(vendored(rules, "sub/top.c"));
    CHECK_FALSE(vendored(rules, "deps/x.c"));   // a directory pattern matches no file
    CHECK(vendored(rules, "a/z.c"));
    CHECK(vendored(rules, "a/b/c/z.c"));
    CHECK_FALSE(vendored(rules, "b/a/z.c"));
}

TEST_CASE("attribute rules: later lines and deeper files win, unset and false undo", "[context]")
{
    auto rules = parse_attribute_rules(".gitattributes", "lib/** linguist-vendored\n"
                                                         "lib/ours/** -linguist-vendored\n");
    for (auto& r : parse_attribute_rules("lib/keep/.gitattributes", "*.c linguist-vendored=false\n")) rules.push_back(r);
    CHECK(vendored(rules, "lib/theirs/a.c"));
    CHECK_FALSE(vendored(rules, "lib/ours/a.c"));
    CHECK(attributes_of(rules, "lib/ours/a.c").vendored == false);
    CHECK_FALSE(vendored(rules, "lib/keep/a.c"));
    CHECK(vendored(rules, "lib/keep/a.h"));
    CHECK_FALSE(attributes_of(rules, "src/a.c").vendored.has_value());
}

TEST_CASE("attribute rules: quoted patterns, CRLF and junk lines", "[context]")
{
    const auto rules = parse_attribute_rules(".gitattributes", "\"third party/**\" linguist-vendored\r\n"
                                                               "\"unterminated linguist-vendored\n"
                                                               "   \n"
                                                               "\x01\x02 linguist-generated\n");
    REQUIRE(rules.size() == 2);
    CHECK(vendored(rules, "third party/x.c"));
    CHECK_FALSE(vendored(rules, "unterminated"));
}

TEST_CASE("attribute rules: hostile patterns are dropped, not matched slowly", "[context]")
{
    const std::string stars = "*a*a*a*a*a*a*a*a*a*a*a*a*b linguist-vendored\n";
    CHECK(parse_attribute_rules(".gitattributes", stars).empty());
    CHECK(parse_attribute_rules(".gitattributes", std::string(300, 'x') + " linguist-vendored\n").empty());
}
