// Byte-level facts the engine keeps: line spans with their breaks, line-ending style, UTF-8
// validity, binary detection, and printable messages; and the repair diagnostics on their own.
#include "patch/diagnose.hpp"
#include "patch/text.hpp"

#include <catch2/catch.hpp>

using namespace oneshot::patch;

TEST_CASE("lines keep their breaks, and a last line may have none", "[patch]")
{
    const std::string text = "a\r\nb\nc";
    const auto lines = split_lines(text);
    REQUIRE(lines.size() == 3);
    CHECK(line_text(text, lines[0]) == "a");
    CHECK(line_break(text, lines[0]) == "\r\n");
    CHECK(line_break(text, lines[1]) == "\n");
    CHECK(line_break(text, lines[2]).empty());
    CHECK(split_lines("x\n").size() == 1);
    CHECK(split_lines("").empty());
}

TEST_CASE("the dominant line break and conversions", "[patch]")
{
    CHECK(dominant_line_break("a\r\nb\r\nc\n") == "\r\n");
    CHECK(dominant_line_break("a\r\nb\nc\n") == "\n");
    CHECK(dominant_line_break("no break") == "\n");
    CHECK(lf_to_crlf("a\nb\r\nc") == "a\r\nb\r\nc");
    CHECK(crlf_to_lf("a\r\nb\rc\n") == "a\nb\rc\n");
}

TEST_CASE("UTF-8 validation refuses overlong forms, surrogates and truncated sequences", "[patch]")
{
    CHECK_FALSE(first_invalid_utf8("plain ascii, é, 中, 😀"));
    CHECK(first_invalid_utf8("ab\xC0\xAF") == std::optional<std::size_t>(2));          // overlong '/'
    CHECK(first_invalid_utf8("\xED\xA0\x80") == std::optional<std::size_t>(0));        // U+D800
    CHECK(first_invalid_utf8("x\xF4\x90\x80\x80") == std::optional<std::size_t>(1));   // above U+10FFFF
    CHECK(first_invalid_utf8("\xE4\xB8") == std::optional<std::size_t>(0));            // truncated
    CHECK(first_invalid_utf8("\x80") == std::optional<std::size_t>(0));
}

TEST_CASE("binary detection and printable messages", "[patch]")
{
    CHECK(looks_binary(std::string_view("a\0b", 3)));
    CHECK_FALSE(looks_binary(""));
    CHECK(printable("a\nb\x1b\"") == "a\\x0ab\\x1b\\x22");
    CHECK(printable(std::string(300, 'x'), 10) == "xxxxxxxxxx...");
}

TEST_CASE("repair diagnostics find the closest region even when the quote shares few lines", "[patch]")
{
    std::string file;
    for (int i = 1; i <= 100; ++i)
        file += "line " + std::to_string(i) + "\n";
    const std::string report = describe_mismatch(file, "line 50\nline 51 changed\nline 52\n");
    CHECK_THAT(report, Catch::StartsWith("Closest region: lines 50-52"));
    CHECK_THAT(report, Catch::Contains("- line 51 changed") && Catch::Contains("+ line 51   (line 51)"));
    CHECK(describe_mismatch(file, "nothing like it\n") == "No line of the quote occurs in the file.");
    // Long quotes are cut to the requested number of diff lines.
    std::string long_quote;
    for (int i = 1; i <= 80; ++i)
        long_quote += "other " + std::to_string(i) + "\nline " + std::to_string(i) + "\n";
    const std::string cut = describe_mismatch(file, long_quote, 10);
    CHECK(std::count(cut.begin(), cut.end(), '\n') == 12);
    CHECK_THAT(cut, Catch::EndsWith("...\n"));
}
