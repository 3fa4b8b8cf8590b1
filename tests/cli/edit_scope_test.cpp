// What the model may change, by what it was shown.
#include "cli/edit_scope.hpp"

#include <catch2/catch.hpp>

using namespace oneshot;
using context::ShowMode;
using patch::Action;

namespace {

context::ContextPack pack_with(std::initializer_list<std::pair<const char*, ShowMode>> files)
{
    context::ContextPack pack;
    for (const auto& [path, mode] : files) {
        context::ShownFile f;
        f.path = path;
        f.mode = mode;
        pack.files.push_back(f);
    }
    return pack;
}

patch::Change change(const char* path, Action action)
{
    patch::Change c;
    c.path = path;
    c.action = action;
    return c;
}

std::string refusal(const patch::Change& c, const context::ContextPack& pack)
{
    patch::Document document;
    document.changes.push_back(c);
    auto status = cli::check_edit_scope(document, pack);
    if (status) return "";
    CHECK(status.error().kind == ErrorKind::unsafe);
    return status.error().message;
}

} // namespace

TEST_CASE("deleting or moving a listed file needs no text, editing it does", "[cli]")
{
    const auto pack = pack_with({{"notes/obsolete.txt", ShowMode::listed}, {"src/a.py", ShowMode::regions}, {"src/b.py", ShowMode::full}});
    CHECK(refusal(change("notes/obsolete.txt", Action::remove), pack).empty());
    auto move = change("notes/obsolete.txt", Action::rename);
    move.new_path = "notes/old.txt";
    CHECK(refusal(move, pack).empty());
    move.edits = std::vector<patch::Edit>{{"old", "new"}};
    CHECK_THAT(refusal(move, pack), Catch::Contains("notes/obsolete.txt") && Catch::Contains("not shown"));

    auto edit = change("notes/obsolete.txt", Action::modify);
    edit.edits = std::vector<patch::Edit>{{"old", "new"}};
    CHECK_THAT(refusal(edit, pack), Catch::Contains("change 1 (notes/obsolete.txt)") && Catch::Contains("not shown"));
    edit.path = "src/a.py";
    CHECK(refusal(edit, pack).empty());

    auto whole = change("src/a.py", Action::modify);
    whole.content = "x = 1\n";
    CHECK_THAT(refusal(whole, pack), Catch::Contains("only part of it was shown"));
    whole.path = "src/b.py";
    CHECK(refusal(whole, pack).empty());
    auto moved_whole = change("src/a.py", Action::rename);
    moved_whole.new_path = "src/c.py";
    moved_whole.content = "x = 1\n";
    CHECK_THAT(refusal(moved_whole, pack), Catch::Contains("only part of it was shown"));
}

TEST_CASE("a file the context did not list at all cannot be deleted", "[cli]")
{
    const auto pack = pack_with({{"src/a.py", ShowMode::full}});
    CHECK_THAT(refusal(change("secret/keys.txt", Action::remove), pack), Catch::Contains("secret/keys.txt") && Catch::Contains("did not list"));
    CHECK(refusal(change("new/file.txt", Action::create), pack).empty());
}
