// Cutting text at a byte count without splitting a character, and JSON text that tolerates any
// bytes: the two halves of "no crash on hostile bytes".
#include "core/json_text.hpp"
#include "core/utf8.hpp"

#include <catch2/catch.hpp>

using namespace oneshot;

namespace {

bool valid_utf8(const std::string& text)
{
    try {
        static_cast<void>(nlohmann::json(text).dump());   // strict: throws on invalid UTF-8
        return true;
    } catch (const nlohmann::json::type_error&) {
        return false;
    }
}

} // namespace

TEST_CASE("a cut never splits a UTF-8 character", "[core]")
{
    const std::string text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z";   // a é € 😀 z: 1+2+3+4+1 bytes
    for (std::size_t max = 0; max <= text.size() + 1; ++max) {
        CAPTURE(max);
        const std::string prefix(utf8_prefix(text, max));
        const std::string suffix(utf8_suffix(text, max));
        CHECK(prefix.size() <= max);
        CHECK(suffix.size() <= max);
        CHECK(valid_utf8(prefix));
        CHECK(valid_utf8(suffix));
        CHECK(text.starts_with(prefix));
        CHECK(text.ends_with(suffix));
    }
    CHECK(utf8_prefix(text, 2) == "a");            // not "a\xC3"
    CHECK(utf8_prefix(text, 3) == "a\xC3\xA9");
    CHECK(utf8_suffix(text, 4) == "z");            // not the last three bytes of the emoji
    CHECK(utf8_truncate(text, 2) == "a...");
    CHECK(utf8_truncate("short", 10) == "short");
}

TEST_CASE("cuts of invalid UTF-8 stay within the limit", "[core]")
{
    const std::string junk(10, '\x80');   // continuation bytes only
    CHECK(utf8_prefix(junk, 5).size() == 5);
    CHECK(utf8_suffix(junk, 5).size() == 5);
}

TEST_CASE("JSON text replaces invalid UTF-8 instead of throwing", "[core]")
{
    const nlohmann::json value = {{"message", std::string("bad \xC3 byte \xFF end")}, {"ok", "caf\xC3\xA9"}};
    std::string text;
    REQUIRE_NOTHROW(text = json_text(value));
    const auto back = nlohmann::json::parse(text);
    CHECK(back["message"] == "bad \xEF\xBF\xBD byte \xEF\xBF\xBD end");   // U+FFFD for each bad byte
    CHECK(back["ok"] == "caf\xC3\xA9");
}
