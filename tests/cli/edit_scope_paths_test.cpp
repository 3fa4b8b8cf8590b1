// The edit-scope check compares the model's paths with the context's after normalising them.
#include "cli/edit_scope.hpp"

#include <catch2/catch.hpp>

using namespace oneshot;

namespace {

context::ContextPack pack_showing(const std::string& path, context::ShowMode mode)
{
    context::ContextPack pack;
    context::ShownFile file;
    file.path = path;
    file.mode = mode;
    pack.files.push_back(file);
    return pack;
}

patch::Document modifying(const std::string& path)
{
    patch::Document document;
    patch::Change change;
    change.path = path;
    change.action = patch::Action::modify;
    change.edits = std::vector<patch::Edit>{patch::Edit{"a", "b"}};
    document.changes.push_back(change);
    return document;
}

} // namespace

TEST_CASE("edit scope: a shown file is in scope however the model spells its path", "[cli]")
{
    const auto pack = pack_showing("src/a.cpp", context::ShowMode::full);
    CHECK(cli::check_edit_scope(modifying("src/a.cpp"), pack).ok());
    CHECK(cli::check_edit_scope(modifying("./src/a.cpp"), pack).ok());
    CHECK(cli::check_edit_scope(modifying("src//a.cpp"), pack).ok());
}

TEST_CASE("edit scope: a file not shown stays out of scope, and a bad path is refused", "[cli]")
{
    const auto pack = pack_showing("src/a.cpp", context::ShowMode::full);
    auto other = cli::check_edit_scope(modifying("./src/b.cpp"), pack);
    REQUIRE_FALSE(other.ok());
    CHECK(other.error().kind == ErrorKind::unsafe);
    CHECK_FALSE(cli::check_edit_scope(modifying("src/../../a.cpp"), pack).ok());
}
