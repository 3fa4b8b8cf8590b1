#include "cli/color_mode.hpp"

#include <catch2/catch.hpp>

using oneshot::cli::use_color;

TEST_CASE("colour: color.ui, then NO_COLOR, then a terminal that is not dumb", "[batch]")
{
    CHECK(use_color(true, std::nullopt, std::nullopt, "xterm"));
    CHECK_FALSE(use_color(false, std::nullopt, std::nullopt, "xterm"));
    CHECK_FALSE(use_color(true, std::nullopt, std::nullopt, "dumb"));
    CHECK_FALSE(use_color(true, std::nullopt, "1", "xterm"));
    CHECK(use_color(true, std::nullopt, "", "xterm"));          // empty NO_COLOR means unset
    CHECK_FALSE(use_color(true, "never", std::nullopt, "xterm"));
    CHECK_FALSE(use_color(true, "false", std::nullopt, "xterm"));
    CHECK(use_color(false, "always", "1", "dumb"));              // the user's explicit setting wins
    CHECK(use_color(true, "auto", std::nullopt, "xterm"));
    CHECK_FALSE(use_color(true, "auto", "1", "xterm"));
}
