#include "core/error.hpp"

#include <catch2/catch.hpp>

using namespace oneshot;

TEST_CASE("Result holds a value or an error", "[core]")
{
    Result<int> good = 42;
    REQUIRE(good.ok());
    CHECK(*good == 42);

    Result<int> bad = make_error(ErrorKind::patch, "edit 2 of src/a.c matches nothing");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().kind == ErrorKind::patch);
    CHECK(bad.error().message == "edit 2 of src/a.c matches nothing");
    CHECK(to_string(bad.error().kind) == "patch");
}
