// Review output: unified diffs with git headers that real `git apply` and `git am` reproduce byte
// for byte, an mbox `git am` commits with the right message, and git's colour syntax.
#include "patch/git_sandbox.hpp"
#include "patch/mbox.hpp"
#include "patch/unified_diff.hpp"

#include <catch2/catch.hpp>

using namespace oneshot;
using namespace oneshot::patch;
using namespace oneshot::patch::testing;

namespace {

Tree review_base()
{
    Tree t;
    t["src/main.c"] = {"#include <stdio.h>\n\nint main(void)\n{\n  puts(\"hi\");\n  return 0;\n}\n", EntryKind::regular};
    t["win/app.c"] = {"int a;\r\nint b;\r\nint c;\r\n", EntryKind::regular};
    t["noeol.txt"] = {"one\ntwo", EntryKind::regular};
    t["old.txt"] = {"old\n", EntryKind::regular};
    t["tools/run.sh"] = {"#!/bin/sh\necho run\n", EntryKind::executable};
    t["lib/util.py"] = {"def f():\n    return 1\n", EntryKind::regular};
    t["docs/guide.md"] = {"# Guide\n", EntryKind::regular};
    t["na me/ü.txt"] = {"x\n", EntryKind::regular};
    t["link"] = {"src", EntryKind::symlink};
    return t;
}

const char* review_patch = R"({"summary": "Revise everything — résumé", "explanation": "Why:\n---\nbecause.\ndiff -u is not the point", "changes": [
  {"path": "src/main.c", "action": "modify", "new_path": null, "content": null,
   "edits": [{"search": "  puts(\"hi\");\n", "replace": "  puts(\"hello\");\n  fflush(stdout);\n"}]},
  {"path": "win/app.c", "action": "modify", "new_path": null, "content": null, "edits": [{"search": "int b;\n", "replace": "long b;\n"}]},
  {"path": "noeol.txt", "action": "modify", "new_path": null, "content": null, "edits": [{"search": "two", "replace": "two\nthree\n"}]},
  {"path": "old.txt", "action": "delete", "new_path": null, "content": null, "edits": null},
  {"path": "new/file.txt", "action": "create", "new_path": null, "content": "fresh\nno newline", "edits": null},
  {"path": "tools/run.sh", "action": "modify", "new_path": null, "content": null, "edits": [{"search": "echo run\n", "replace": "echo running\n"}]},
  {"path": "lib/util.py", "action": "rename", "new_path": "lib/helpers.py", "content": null, "edits": [{"search": "return 1", "replace": "return 2"}]},
  {"path": "docs/guide.md", "action": "rename", "new_path": "docs/manual.md", "content": null, "edits": null},
  {"path": "na me/ü.txt", "action": "modify", "new_path": null, "content": "y\n", "edits": null}
]})";

struct Reviewed {
    Tree base, expected;
    std::vector<FileDiff> files;
};

Reviewed reviewed()
{
    Reviewed r;
    r.base = review_base();
    auto document = parse_document(review_patch);
    REQUIRE(document.ok());
    const MemoryBaseFiles base = memory_base(r.base);
    auto resolved = resolve(*document, base);
    INFO((resolved.ok() ? "" : resolved.error().message));
    REQUIRE(resolved.ok());
    r.expected = apply_ops(r.base, *resolved);
    auto files = file_diffs(*resolved, base);
    REQUIRE(files.ok());
    r.files = std::move(*files);
    return r;
}

} // namespace

TEST_CASE("unified diff of a simple edit has git's headers and hunk", "[patch]")
{
    FileDiff f{"a.txt", "a.txt", "1\n2\n3\n4\n5\n6\n7\n8\n", "1\n2\n3\n4\nfive\n6\n7\n8\n", EntryKind::regular, EntryKind::regular};
    DiffOptions options;
    options.index_digits = 0;
    CHECK(unified_diff({f}, options) ==
          "diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
    options.index_digits = 7;
    CHECK_THAT(unified_diff({f}, options), Catch::Contains("index " + git_blob_id("1\n2\n3\n4\n5\n6\n7\n8\n").substr(0, 7) + ".."));
    CHECK(git_blob_id("") == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
}

TEST_CASE("distant changes make separate hunks, close ones one hunk", "[patch]")
{
    std::string old_text, new_text;
    for (int i = 1; i <= 30; ++i) {
        old_text += std::to_string(i) + "\n";
        new_text += (i == 3 || i == 9 || i == 25 ? "x" : std::to_string(i)) + "\n";
    }
    DiffOptions options;
    options.index_digits = 0;
    const std::string diff = unified_diff({FileDiff{"n", "n", old_text, new_text}}, options);
    CHECK_THAT(diff, Catch::Contains("@@ -1,12 +1,12 @@"));
    CHECK_THAT(diff, Catch::Contains("@@ -22,7 +22,7 @@"));
}

TEST_CASE("coloured diffs wrap lines in the configured colours", "[patch]")
{
    DiffOptions options;
    options.color = true;
    options.index_digits = 0;
    const std::string diff = unified_diff({FileDiff{"a", "a", "x\n", "y\n"}}, options);
    CHECK_THAT(diff, Catch::Contains("\033[1mdiff --git a/a b/a\033[m\n"));
    CHECK_THAT(diff, Catch::Contains("\033[36m@@ -1 +1 @@\033[m\n"));
    CHECK_THAT(diff, Catch::Contains("\033[31m-x\033[m\n\033[32m+y\033[m\n"));
}

TEST_CASE("git colour values become ANSI sequences", "[patch]")
{
    CHECK(parse_git_color("red") == std::optional<std::string>("\033[31m"));
    CHECK(parse_git_color("bold red") == std::optional<std::string>("\033[1;31m"));
    CHECK(parse_git_color("green black ul") == std::optional<std::string>("\033[4;32;40m"));
    CHECK(parse_git_color("brightblue") == std::optional<std::string>("\033[94m"));
    CHECK(parse_git_color("#ff8000") == std::optional<std::string>("\033[38;2;255;128;0m"));
    CHECK(parse_git_color("208") == std::optional<std::string>("\033[38;5;208m"));
    CHECK(parse_git_color("normal") == std::optional<std::string>(""));
    CHECK(parse_git_color("nobold") == std::optional<std::string>("\033[22m"));
    CHECK_FALSE(parse_git_color("reddish"));
    CHECK_FALSE(parse_git_color("red green blue"));
}

TEST_CASE("real git apply reproduces every byte of the reviewed change", "[patch]")
{
    const Reviewed r = reviewed();
    GitSandbox repo;
    repo.write_tree(r.base);
    REQUIRE(repo.run("git add -A && git commit -q -m base") == 0);
    const std::string diff = unified_diff(r.files);
    const std::string diff_path = (repo.scratch() / "change.diff").string();
    std::ofstream(diff_path, std::ios::binary) << diff;
    INFO(diff);
    REQUIRE(repo.run("git apply --index " + shell_quote(diff_path)) == 0);
    REQUIRE(repo.run("git commit -q -m applied") == 0);
    CHECK(repo.head_tree() == r.expected);
    CHECK_THAT(diff, Catch::Contains("rename from docs/guide.md\nrename to docs/manual.md"));
    CHECK(diff.find("old mode") == std::string::npos);
    CHECK_THAT(diff, Catch::Contains("\\ No newline at end of file"));
    CHECK_THAT(diff, Catch::Contains("diff --git \"a/na me/\\303\\274.txt\" \"b/na me/\\303\\274.txt\""));
}

TEST_CASE("the mbox is applied by real git am: same tree, same message", "[patch]")
{
    const Reviewed r = reviewed();
    GitSandbox repo;
    repo.write_tree(r.base);
    REQUIRE(repo.run("git add -A && git commit -q -m base") == 0);
    MboxMessage m;
    m.author_name = "Ada Lövelace";
    m.author_email = "ada@example.com";
    m.time = 1'764'290'000;
    m.utc_offset_minutes = 60;
    m.summary = "Revise everything — résumé";
    m.explanation = "Why:\n---\nbecause.\ndiff -u is not the point";
    m.trailers = {"Generated-by: git-oneshot test"};
    m.diffstat = format_diffstat(diff_stats(r.files));
    m.diff = unified_diff(r.files);
    m.signature = "git-oneshot test";
    const std::string mbox = format_mbox(m);
    CHECK(mbox.starts_with("From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n"));
    CHECK_THAT(mbox, Catch::Contains("Date: Fri, 28 Nov 2025 01:33:20 +0100\n"));
    CHECK_THAT(mbox, Catch::Contains(" 9 files changed"));
    const std::string path = (repo.scratch() / "change.mbox").string();
    std::ofstream(path, std::ios::binary) << mbox;
    INFO(mbox);
    REQUIRE(repo.run("git am -q " + shell_quote(path)) == 0);
    CHECK(repo.head_tree() == r.expected);
    CHECK(repo.output("git log -1 --format=%an%n%ae%n%at") == "Ada Lövelace\nada@example.com\n1764290000\n");
    CHECK(repo.output("git log -1 --format=%B") ==
          "Revise everything — résumé\n\nWhy:\n ---\nbecause.\n diff -u is not the point\n\nGenerated-by: git-oneshot test\n\n");
}
