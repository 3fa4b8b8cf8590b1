#include "cli/patch_output.hpp"

#include <catch2/catch.hpp>

using oneshot::cli::split_trailers;

TEST_CASE("patch output: a body's trailing trailer paragraph is split off, nothing else", "[batch]")
{
    auto [body, trailers] = split_trailers("Why it changed.\n\nGenerated-by: git-oneshot 0.1.0 (openai/o3)\nSigned-off-by: A <a@b>\n");
    CHECK(body == "Why it changed.\n");
    CHECK(trailers == std::vector<std::string>{"Generated-by: git-oneshot 0.1.0 (openai/o3)", "Signed-off-by: A <a@b>"});

    auto [only, only_trailers] = split_trailers("Generated-by: git-oneshot\n");
    CHECK(only.empty());
    CHECK(only_trailers.size() == 1);

    auto [prose, none] = split_trailers("First.\n\nNote: this line is prose, and\nthis one is not a trailer.\n");
    CHECK(prose == "First.\n\nNote: this line is prose, and\nthis one is not a trailer.\n");
    CHECK(none.empty());
}
