// resolve: validation against the base tree (existence, symlinks, submodules, conflicts, binary,
// size), faithful bytes (BOM, CRLF, missing final newline, executable bit), all-or-nothing results.
#include "patch/tree_fixture.hpp"

#include <catch2/catch.hpp>

using namespace oneshot;
using namespace oneshot::patch;
using namespace oneshot::patch::testing;

namespace {

Change modify(std::string path, std::string search, std::string replace)
{
    Change c;
    c.path = std::move(path);
    c.edits = std::vector<Edit>{{std::move(search), std::move(replace)}};
    return c;
}

Change with_content(std::string path, Action action, std::string content)
{
    Change c;
    c.path = std::move(path);
    c.action = action;
    c.content = std::move(content);
    return c;
}

Change removal(std::string path)
{
    Change c;
    c.path = std::move(path);
    c.action = Action::remove;
    return c;
}

Change renaming(std::string from, std::string to)
{
    Change c;
    c.path = std::move(from);
    c.action = Action::rename;
    c.new_path = std::move(to);
    return c;
}

Document doc(std::vector<Change> changes)
{
    return Document{"subject", "body", std::move(changes)};
}

MemoryBaseFiles sample_base()
{
    MemoryBaseFiles base;
    base.add("src/a.c", "int a;\nint b;\n");
    base.add("src/run.sh", "#!/bin/sh\necho hi\n", EntryKind::executable);
    base.add("link", "src", EntryKind::symlink);
    base.add("src/link.c", "a.c", EntryKind::symlink);
    base.add("vendor/lib", "0123abcd", EntryKind::submodule);
    base.add("bin/blob.dat", std::string("\x01\x00\x02", 3));
    base.add("latin1.txt", "caf\xe9\n");
    base.add("crlf.txt", "one\r\ntwo\r\n");
    base.add("bom.txt", "\xEF\xBB\xBF" "one\ntwo\n");
    return base;
}

Error refused(const Document& document, ErrorKind kind, const ResolveOptions& options = {})
{
    const MemoryBaseFiles base = sample_base();
    auto result = resolve(document, base, options);
    REQUIRE_FALSE(result.ok());
    CHECK(to_string(result.error().kind) == to_string(kind));
    return result.error();
}

const FileOp& op_for(const ResolvedPatch& resolved, std::string_view path)
{
    for (const FileOp& op : resolved.ops)
        if (op.path == path)
            return op;
    FAIL("no op for " << path);
    throw;
}

} // namespace

TEST_CASE("resolve produces one op per path with final bytes and kinds", "[patch]")
{
    const MemoryBaseFiles base = sample_base();
    auto resolved = resolve(doc({modify("src/a.c", "int b;\n", "int c;\n"), modify("src/run.sh", "echo hi\n", "echo bye\n"),
                                 with_content("new/dir/n.txt", Action::create, "new\n"), removal("crlf.txt"),
                                 renaming("bom.txt", "moved/bom.txt")}),
                            base);
    INFO((resolved.ok() ? "" : resolved.error().message));
    REQUIRE(resolved.ok());
    CHECK(resolved->summary == "subject");
    CHECK(resolved->ops.size() == 6);
    CHECK(op_for(*resolved, "src/a.c").content == "int a;\nint c;\n");
    CHECK_FALSE(op_for(*resolved, "src/a.c").new_text);
    CHECK(op_for(*resolved, "src/run.sh").kind == EntryKind::executable);
    CHECK(op_for(*resolved, "new/dir/n.txt").new_text);
    CHECK(op_for(*resolved, "crlf.txt").type == FileOp::Type::remove);
    CHECK(op_for(*resolved, "bom.txt").type == FileOp::Type::remove);
    CHECK(op_for(*resolved, "moved/bom.txt").content == "\xEF\xBB\xBF" "one\ntwo\n");
}

TEST_CASE("a renamed executable stays executable, binary files may be renamed and deleted untouched", "[patch]")
{
    const MemoryBaseFiles base = sample_base();
    auto resolved = resolve(doc({renaming("src/run.sh", "tools/run.sh"), renaming("bin/blob.dat", "bin/blob2.dat")}), base);
    REQUIRE(resolved.ok());
    CHECK(op_for(*resolved, "tools/run.sh").kind == EntryKind::executable);
    CHECK(op_for(*resolved, "bin/blob2.dat").content == std::string("\x01\x00\x02", 3));
    CHECK(resolve(doc({removal("bin/blob.dat")}), base).ok());
}

TEST_CASE("whole new text keeps the file's BOM and CRLF convention", "[patch]")
{
    const MemoryBaseFiles base = sample_base();
    auto resolved = resolve(doc({with_content("crlf.txt", Action::modify, "uno\ndos\n"), with_content("bom.txt", Action::modify, "uno\n")}), base);
    REQUIRE(resolved.ok());
    CHECK(op_for(*resolved, "crlf.txt").content == "uno\r\ndos\r\n");
    CHECK(op_for(*resolved, "bom.txt").content == "\xEF\xBB\xBF" "uno\n");
    // A text that already has its own CR bytes is taken as written.
    auto mixed = resolve(doc({with_content("crlf.txt", Action::modify, "uno\r\ndos\n")}), base);
    REQUIRE(mixed.ok());
    CHECK(op_for(*mixed, "crlf.txt").content == "uno\r\ndos\n");
}

TEST_CASE("edits keep a BOM and a CRLF file's endings", "[patch]")
{
    const MemoryBaseFiles base = sample_base();
    auto resolved = resolve(doc({modify("bom.txt", "one\n", "ONE\n"), modify("crlf.txt", "two\n", "TWO\nTHREE\n")}), base);
    REQUIRE(resolved.ok());
    CHECK(op_for(*resolved, "bom.txt").content == "\xEF\xBB\xBF" "ONE\ntwo\n");
    CHECK(op_for(*resolved, "crlf.txt").content == "one\r\nTWO\r\nTHREE\r\n");
}

TEST_CASE("symlinks and submodules are never written, nor written through", "[patch]")
{
    CHECK_THAT(refused(doc({modify("link/a.c", "int a;", "x")}), ErrorKind::unsafe).message,
               Catch::Contains("changes[0].path") && Catch::Contains("symbolic link"));
    refused(doc({with_content("link/new.c", Action::create, "x")}), ErrorKind::unsafe);
    refused(doc({modify("src/link.c", "a.c", "b.c")}), ErrorKind::unsafe);
    refused(doc({removal("src/link.c")}), ErrorKind::unsafe);
    refused(doc({removal("link")}), ErrorKind::unsafe);
    refused(doc({renaming("src/a.c", "link/b.c")}), ErrorKind::unsafe);
    refused(doc({renaming("src/a.c", "link")}), ErrorKind::unsafe);
    CHECK_THAT(refused(doc({with_content("vendor/lib/x.c", Action::create, "x")}), ErrorKind::unsafe).message,
               Catch::Contains("submodule"));
    refused(doc({removal("vendor/lib")}), ErrorKind::unsafe);
}

TEST_CASE("existence rules: modify/delete/rename need the file, create and rename need a free path", "[patch]")
{
    CHECK_THAT(refused(doc({modify("src/missing.c", "x", "y")}), ErrorKind::patch).message,
               Catch::Contains("changes[0].path") && Catch::Contains("does not exist"));
    refused(doc({removal("nope.txt")}), ErrorKind::patch);
    refused(doc({renaming("nope.txt", "b.txt")}), ErrorKind::patch);
    CHECK_THAT(refused(doc({with_content("src/a.c", Action::create, "x")}), ErrorKind::patch).message,
               Catch::Contains("already exists"));
    CHECK_THAT(refused(doc({renaming("src/a.c", "crlf.txt")}), ErrorKind::patch).message,
               Catch::Contains("changes[0].new_path") && Catch::Contains("already exists"));
    refused(doc({with_content("src", Action::create, "x")}), ErrorKind::patch);
    refused(doc({modify("src", "x", "y")}), ErrorKind::patch);
    CHECK_THAT(refused(doc({with_content("src/a.c/b", Action::create, "x")}), ErrorKind::patch).message,
               Catch::Contains("to be a directory"));
    refused(doc({renaming("src/a.c", "src/a.c")}), ErrorKind::patch);
}

TEST_CASE("two changes to one path, or a file where another change needs a directory, conflict", "[patch]")
{
    CHECK_THAT(refused(doc({modify("src/a.c", "int a;", "x"), modify("src/a.c", "int b;", "y")}), ErrorKind::patch).message,
               Catch::Contains("changes[1].path") && Catch::Contains("also changed by changes[0]"));
    refused(doc({removal("crlf.txt"), renaming("src/a.c", "crlf.txt")}), ErrorKind::patch);
    refused(doc({renaming("src/a.c", "b.c"), with_content("b.c", Action::create, "x")}), ErrorKind::patch);
    refused(doc({modify("src/a.c", "int a;", "x"), modify("./src//a.c", "int b;", "y")}), ErrorKind::patch);
    CHECK_THAT(refused(doc({with_content("x", Action::create, "1"), with_content("x/y", Action::create, "2")}), ErrorKind::patch).message,
               Catch::Contains("to be a directory"));
}

TEST_CASE("binary and non-UTF-8 files are not rewritten as text, content must be text", "[patch]")
{
    CHECK_THAT(refused(doc({modify("bin/blob.dat", "x", "y")}), ErrorKind::patch).message, Catch::Contains("binary"));
    refused(doc({with_content("bin/blob.dat", Action::modify, "text")}), ErrorKind::patch);
    CHECK_THAT(refused(doc({modify("latin1.txt", "caf", "tea")}), ErrorKind::patch).message, Catch::Contains("not valid UTF-8"));
    CHECK_THAT(refused(doc({with_content("n.bin", Action::create, std::string("a\0b", 3))}), ErrorKind::patch).message,
               Catch::Contains("changes[0].content") && Catch::Contains("NUL"));
    CHECK_THAT(refused(doc({with_content("n.txt", Action::create, "caf\xe9")}), ErrorKind::patch).message,
               Catch::Contains("not valid UTF-8"));
    CHECK_THAT(refused(doc({modify("src/a.c", "int a;", "int \xff;")}), ErrorKind::patch).message,
               Catch::Contains("changes[0].edits[0].replace"));
}

TEST_CASE("size limits apply to files read and written", "[patch]")
{
    ResolveOptions small;
    small.max_file_bytes = 10;
    CHECK_THAT(refused(doc({with_content("n.txt", Action::create, std::string(11, 'x'))}), ErrorKind::patch, small).message,
               Catch::Contains("the limit is 10"));
    refused(doc({modify("src/a.c", "int a;", "int z;")}), ErrorKind::patch, small);   // 14-byte base
}

TEST_CASE("a failing change anywhere refuses the whole patch, naming it", "[patch]")
{
    const Error e = refused(doc({modify("src/a.c", "int a;", "x"), modify("crlf.txt", "three\n", "3\n")}), ErrorKind::patch);
    CHECK_THAT(e.message, Catch::StartsWith("changes[1].edits[0].search: not found in crlf.txt"));
}

TEST_CASE("a failed edit carries repair diagnostics: the closest region and a line diff", "[patch]")
{
    MemoryBaseFiles base;
    base.add("m.py", "def f(x):\n    total = 0\n    for item in x:\n        total += item\n    return total\n");
    auto result = resolve(doc({modify("m.py", "def f(x):\n    total = 0\n    for item in xs:\n        total += item\n", "y\n")}), base);
    REQUIRE_FALSE(result.ok());
    CHECK_THAT(result.error().detail, Catch::Contains("Closest region: lines 1-4"));
    CHECK_THAT(result.error().detail, Catch::Contains("-     for item in xs:"));
    CHECK_THAT(result.error().detail, Catch::Contains("+     for item in x:   (line 3)"));
}

TEST_CASE("an ambiguous edit names every candidate line", "[patch]")
{
    MemoryBaseFiles base;
    base.add("m.c", "a();\nx();\nb();\nx();\n");
    auto result = resolve(doc({modify("m.c", "x();\n", "y();\n")}), base);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::patch);
    CHECK_THAT(result.error().message, Catch::Contains("ambiguous in m.c") && Catch::Contains("at lines 2, 4"));
}

TEST_CASE("tolerant matches are noted for the report", "[patch]")
{
    MemoryBaseFiles base;
    base.add("m.py", "class A:\n    def f(self):\n        return 1\n");
    auto resolved = resolve(doc({modify("m.py", "def f(self):\n    return 1\n", "def f(self):\n    return 2\n")}), base);
    REQUIRE(resolved.ok());
    REQUIRE(resolved->notes.size() == 1);
    CHECK_THAT(resolved->notes[0], Catch::Contains("changes[0].edits[0]") && Catch::Contains("indentation"));
}

TEST_CASE("git metadata files are refused by default and allowed on request", "[patch]")
{
    MemoryBaseFiles base;
    base.add(".gitignore", "build/\n");
    auto refused_doc = resolve(doc({modify(".gitignore", "build/\n", "out/\n")}), base);
    REQUIRE_FALSE(refused_doc.ok());
    CHECK(refused_doc.error().kind == ErrorKind::unsafe);
    ResolveOptions allow;
    allow.allow_git_metadata_files = true;
    CHECK(resolve(doc({modify(".gitignore", "build/\n", "out/\n")}), base, allow).ok());
}
