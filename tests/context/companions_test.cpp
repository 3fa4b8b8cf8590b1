// Finding the files a change carries along by name: the files a task names, the tests of a source.
#include "context/companions.hpp"
#include "context/file_kind.hpp"
#include "context/task_paths.hpp"

#include <catch2/catch.hpp>

using namespace oneshot::context;

namespace {

std::vector<TrackedFile> tracked(const std::vector<std::string>& paths)
{
    std::vector<TrackedFile> out;
    for (const auto& p : paths) out.push_back(TrackedFile{p, "0", 10, false});
    return out;
}

std::vector<std::string> named_paths(std::string_view task, const std::vector<TrackedFile>& files)
{
    std::vector<std::string> out;
    for (std::size_t i : files_named_in(task, files)) out.push_back(files[i].path);
    return out;
}

} // namespace

TEST_CASE("files a task names are found by path or by file name", "[context]")
{
    const auto files = tracked({"README.md", "docs/README.md", "notes/obsolete.txt", "src/app.py", "src/core.py", "Makefile",
                                "lib/core.py"});
    CHECK(named_paths("Fix the parser and delete notes/obsolete.txt", files) == std::vector<std::string>{"notes/obsolete.txt"});
    // The shallowest of the files sharing a name; a sentence's final dot is no part of the name.
    CHECK(named_paths("Document the flag in README.md.", files) == std::vector<std::string>{"README.md"});
    CHECK(named_paths("Update docs/README.md", files) == std::vector<std::string>{"docs/README.md"});
    // Same depth: both.
    CHECK(named_paths("speed up core.py", files) == std::vector<std::string>{"src/core.py", "lib/core.py"});
    // Part of a longer name, a name without a dot, or a word that merely contains it: not named.
    CHECK(named_paths("rename mycore.pyc and the Makefile target", files).empty());
    CHECK(named_paths("the app is slow", files).empty());
}

TEST_CASE("test files are matched to the source they are named after", "[context]")
{
    CHECK(test_stem("tests/test_core.py") == "core");
    CHECK(test_stem("pkg/core_test.go") == "core");
    CHECK(test_stem("test/unit/core.test.ts") == "core");
    CHECK(test_stem("src/test/java/com/x/CoreTest.java") == "core");
    CHECK(test_stem("tests/core.rs") == "core");
    CHECK(test_stem("src/click/core.py") == "core");
    CHECK(test_stem("pkg/__init__.py") == "init");

    const std::vector<std::string> paths{"src/core.py", "src/types.py", "tests/test_core.py", "tests/test_types.py",
                                         "tests/test_other.py", "src/__init__.py", "tests/test_init.py"};
    auto is_test = [&](std::size_t k) { return paths[k].starts_with("tests/"); };
    CHECK(tests_named_after(paths, {1, 0}, is_test) == std::vector<std::size_t>{3, 2});
    // __init__ names no module of its own.
    CHECK(tests_named_after(paths, {5}, is_test).empty());
    // A source is never its own test.
    CHECK(tests_named_after(paths, {0}, [](std::size_t) { return false; }).empty());
}

TEST_CASE("the context's kinds are the contract's five", "[context]")
{
    CHECK(contract_kind(classify_file("src/compile.c", false)) == "source");
    CHECK(contract_kind(classify_file("index.d.ts", false)) == "source");
    CHECK(contract_kind(classify_file("tests/test_api.py", false)) == "test");
    CHECK(contract_kind(classify_file("CHANGES.rst", false)) == "doc");
    CHECK(contract_kind(classify_file("docs/guide.md", false)) == "doc");
    CHECK(contract_kind(classify_file("CMakeLists.txt", false)) == "build");
    CHECK(contract_kind(classify_file("package.json", false)) == "build");
    CHECK(contract_kind(classify_file("package-lock.json", false)) == "other");
    CHECK(is_changelog_path("CHANGELOG.md"));
    CHECK(is_changelog_path("Documentation/RelNotes/2.45.0.txt"));
    CHECK_FALSE(is_changelog_path("src/changes_test.go"));
    CHECK_FALSE(is_changelog_path("docs/guide.md"));
}
