#include "context/engine.hpp"
#include "context/token_count.hpp"
#include "memory_tree.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>

using namespace oneshot::context;
using oneshot::ErrorKind;
using oneshot::context::testing::MemoryTree;

namespace {

// A large C file: many unrelated functions and, in the middle, the one the task is about.
std::string big_c_file()
{
    std::string text = "#include <stdlib.h>\n\n";
    for (int i = 0; i < 300; ++i) {
        text += "static int helper_" + std::to_string(i) + "(int value)\n{\n    int acc = value * " + std::to_string(i) +
                ";\n    return acc + compute(acc);\n}\n\n";
        if (i == 150) {
            text += "int set_exit_status(int code)\n{\n    /* exit status of the last output */\n"
                    "    return code == 0 ? 0 : 4;\n}\n\n";
        }
    }
    return text;
}

std::map<std::string, std::string> sample_repo()
{
    std::map<std::string, std::string> files;
    files["src/main.c"] = big_c_file();
    files["src/util.c"] = "#include \"util.h\"\n\nint clamp(int x) { return x < 0 ? 0 : x; }\n";
    files["src/util.h"] = "int clamp(int x);\n";
    std::string changelog = "# Changelog\n";
    for (int i = 0; i < 200; ++i) changelog += "- fixed exit status of the last output when exit status was set\n";
    files["CHANGELOG.md"] = changelog;
    files["logo.png"] = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(3000, 'x');
    for (int i = 0; i < 40; ++i) files["docs/page" + std::to_string(i) + ".md"] = "Some text about things.\n";
    return files;
}

const ShownFile* shown(const ContextPack& pack, const std::string& path)
{
    for (const auto& f : pack.files) {
        if (f.path == path) return &f;
    }
    return nullptr;
}

int line_of(const std::string& text, const std::string& needle)
{
    const auto pos = text.find(needle);
    REQUIRE(pos != std::string::npos);
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
}

} // namespace

TEST_CASE("the function a task names is shown verbatim from a large file, within every budget", "[context]")
{
    const auto files = sample_repo();
    MemoryTree tree(files);
    const int target = line_of(files.at("src/main.c"), "int set_exit_status");
    for (const std::int64_t budget : {1500, 4000, 8000, 32000}) {
        INFO("budget " << budget);
        auto pack = build_context(tree, ContextRequest{"Set the exit status from the last output", budget, {}});
        REQUIRE(pack.ok());
        CHECK(pack->total_tokens <= budget);
        CHECK(count_tokens(pack->text) == pack->total_tokens);
        const ShownFile* main_c = shown(*pack, "src/main.c");
        REQUIRE(main_c != nullptr);
        // Shown in excerpts at small budgets; whole when the budget has room for it.
        const bool covered = main_c->mode == ShowMode::full ||
                             std::any_of(main_c->regions.begin(), main_c->regions.end(),
                                         [&](auto& r) { return r.first <= target && target + 4 <= r.second; });
        CHECK(covered);
        if (budget <= 8000) CHECK(main_c->mode == ShowMode::regions);
        // The changelog shares every word of the task, yet code comes first; at 32000 tokens the
        // whole repository fits, and then nothing is withheld.
        const ShownFile* changelog = shown(*pack, "CHANGELOG.md");
        if (budget <= 8000) CHECK((changelog == nullptr || changelog->mode == ShowMode::listed));
        else CHECK((changelog != nullptr && changelog->mode == ShowMode::full));
        CHECK(pack->files.front().path == "src/main.c");
    }
}

TEST_CASE("regions are quoted exactly, with line numbers only in headers", "[context]")
{
    const auto files = sample_repo();
    MemoryTree tree(files);
    auto pack = build_context(tree, ContextRequest{"Set the exit status from the last output", 4000, {}});
    REQUIRE(pack.ok());
    const ShownFile* main_c = shown(*pack, "src/main.c");
    REQUIRE(main_c != nullptr);
    REQUIRE(!main_c->regions.empty());
    const auto [first, last] = main_c->regions.front();
    const std::string header = "--- src/main.c lines " + std::to_string(first) + "-" + std::to_string(last) + " ---\n";
    const auto at = pack->text.find(header);
    REQUIRE(at != std::string::npos);
    // The text under the header is the file's lines first..last, byte for byte.
    const std::string& source = files.at("src/main.c");
    std::size_t begin = 0;
    for (int line = 1; line < first; ++line) begin = source.find('\n', begin) + 1;
    std::size_t end = begin;
    for (int line = first; line <= last; ++line) end = source.find('\n', end) + 1;
    CHECK(pack->text.compare(at + header.size(), end - begin, source, begin, end - begin) == 0);
}

TEST_CASE("small relevant files are shown whole, binary files never verbatim", "[context]")
{
    MemoryTree tree(sample_repo());
    auto pack = build_context(tree, ContextRequest{"clamp negative values in util", 8000, {}});
    REQUIRE(pack.ok());
    const ShownFile* util = shown(*pack, "src/util.c");
    REQUIRE(util != nullptr);
    CHECK(util->mode == ShowMode::full);
    CHECK(pack->text.find("int clamp(int x) { return x < 0 ? 0 : x; }\n") != std::string::npos);
    const ShownFile* logo = shown(*pack, "logo.png");
    CHECK((logo == nullptr || logo->mode == ShowMode::listed));
    CHECK(pack->text.find("IHDR") == std::string::npos);
}

TEST_CASE("an --include path is always shown in full, and unknown or oversized ones are usage errors", "[context]")
{
    MemoryTree tree(sample_repo());
    auto pack = build_context(tree, ContextRequest{"clamp negative values", 8000, {"./src/util.h"}});
    REQUIRE(pack.ok());
    REQUIRE(shown(*pack, "src/util.h") != nullptr);
    CHECK(shown(*pack, "src/util.h")->mode == ShowMode::full);

    auto missing = build_context(tree, ContextRequest{"x", 8000, {"src/nope.c"}});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().kind == ErrorKind::usage);

    auto too_big = build_context(tree, ContextRequest{"x", 500, {"src/main.c"}});
    REQUIRE_FALSE(too_big.ok());
    CHECK(too_big.error().kind == ErrorKind::usage);
}

TEST_CASE("a tiny budget still yields valid output under budget", "[context]")
{
    MemoryTree tree(sample_repo());
    for (const std::int64_t budget : {1, 50, 200}) {
        auto pack = build_context(tree, ContextRequest{"exit status", budget, {}});
        REQUIRE(pack.ok());
        CHECK(pack->total_tokens <= budget);
    }
    auto bad = build_context(tree, ContextRequest{"exit status", 0, {}});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().kind == ErrorKind::usage);
}

TEST_CASE("to_json follows the context --json contract", "[context]")
{
    MemoryTree tree(sample_repo());
    auto pack = build_context(tree, ContextRequest{"Set the exit status from the last output", 4000, {}});
    REQUIRE(pack.ok());
    const auto json = to_json(*pack);
    CHECK(json.at("budget") == 4000);
    CHECK(json.at("total_tokens") == pack->total_tokens);
    REQUIRE(json.at("files").is_array());
    bool saw_regions = false;
    for (const auto& f : json.at("files")) {
        const std::string mode = f.at("mode");
        CHECK((mode == "full" || mode == "regions" || mode == "outline" || mode == "listed"));
        CHECK(f.at("path").is_string());
        CHECK(f.at("tokens").is_number_integer());
        CHECK(f.at("score").is_number());
        if (mode == "regions") {
            saw_regions = true;
            for (const auto& r : f.at("regions")) {
                REQUIRE(r.size() == 2);
                CHECK(r[0].get<int>() >= 1);
                CHECK(r[0].get<int>() <= r[1].get<int>());
            }
        } else {
            CHECK(f.at("regions").is_null());
        }
    }
    CHECK(saw_regions);
}

namespace {

// A large Python module: a long import block, many unrelated functions, and one the task is about.
std::string big_python_module(const std::string& topic)
{
    std::string text;
    for (int i = 0; i < 25; ++i) text += "from pkg.module_" + std::to_string(i) + " import helper_" + std::to_string(i) + "\n";
    text += "\n\n";
    for (int i = 0; i < 200; ++i) {
        text += "def unrelated_" + std::to_string(i) + "(value):\n    total = value * " + std::to_string(i) +
                "\n    return total + 1\n\n\n";
        if (i == 120) text += "def " + topic + "(request):\n    header = request.headers.get('" + topic + "')\n    return header\n\n\n";
    }
    return text;
}

bool shows_line(const ShownFile& f, int line)
{
    return f.mode == ShowMode::full ||
           std::any_of(f.regions.begin(), f.regions.end(), [&](auto& r) { return r.first <= line && line <= r.second; });
}

} // namespace

TEST_CASE("an excerpted file shows its import block with the matching code", "[context]")
{
    std::map<std::string, std::string> files;
    files["app/retry.py"] = big_python_module("parse_retry_after");
    MemoryTree tree(files);
    auto pack = build_context(tree, ContextRequest{"parse_retry_after ignores the Retry-After header", 3000, {}});
    REQUIRE(pack.ok());
    const ShownFile* retry = shown(*pack, "app/retry.py");
    REQUIRE(retry != nullptr);
    REQUIRE(retry->mode == ShowMode::regions);
    CHECK(shows_line(*retry, line_of(files.at("app/retry.py"), "def parse_retry_after")));
    // A fix that needs a new import edits line 1..25: the header comes along.
    CHECK(shows_line(*retry, 1));
    CHECK(shows_line(*retry, 25));
}

TEST_CASE("close contenders each get their best-matching code before the first gets more", "[context]")
{
    std::map<std::string, std::string> files;
    files["app/client.py"] = big_python_module("retry_after_header");
    files["app/server.py"] = big_python_module("retry_after_value");
    MemoryTree tree(files);
    for (const std::int64_t budget : {2000, 4000}) {
        INFO("budget " << budget);
        auto pack = build_context(tree, ContextRequest{"honour the retry after header and value", budget, {}});
        REQUIRE(pack.ok());
        CHECK(pack->total_tokens <= budget);
        for (const auto& [path, name] : {std::pair{"app/client.py", "def retry_after_header"}, {"app/server.py", "def retry_after_value"}}) {
            INFO(path);
            const ShownFile* f = shown(*pack, path);
            REQUIRE(f != nullptr);
            CHECK(shows_line(*f, line_of(files.at(path), name)));
        }
    }
}

TEST_CASE("a strong match in a lower-ranked file is shown before weak matches in the first", "[context]")
{
    std::map<std::string, std::string> files;
    // Every function of retry.py says "retry" once: the file matches the task, each piece weakly.
    std::string retry;
    for (int i = 0; i < 150; ++i) {
        retry += "def retry_step_" + std::to_string(i) + "(attempt):\n    # retry " + std::to_string(i) +
                 "\n    value = attempt * " + std::to_string(i) + "\n    return value + 1\n\n\n";
    }
    files["app/retry.py"] = retry;
    files["app/net.py"] = big_python_module("jitter_backoff_delay");
    MemoryTree tree(files);
    auto pack = build_context(tree, ContextRequest{"retry: add jitter to the backoff delay", 2500, {}});
    REQUIRE(pack.ok());
    CHECK(pack->total_tokens <= 2500);
    const ShownFile* net = shown(*pack, "app/net.py");
    REQUIRE(net != nullptr);
    CHECK(shows_line(*net, line_of(files.at("app/net.py"), "def jitter_backoff_delay")));
}

TEST_CASE("files a localizing model chose lead, with the symbols it named verbatim", "[context]")
{
    std::map<std::string, std::string> files = sample_repo();
    files["src/quiet.py"] = big_python_module("flush_pending_writes");
    MemoryTree tree(files);
    ContextRequest request{"Set the exit status from the last output", 2000, {}};
    auto plain = build_context(tree, request);
    REQUIRE(plain.ok());
    const ShownFile* before = shown(*plain, "src/quiet.py");
    CHECK((before == nullptr || before->mode == ShowMode::listed || before->mode == ShowMode::outline));

    request.focus = {FocusFile{"src/quiet.py", {"module.flush_pending_writes"}}};
    auto focused = build_context(tree, request);
    REQUIRE(focused.ok());
    CHECK(focused->total_tokens <= 2000);
    REQUIRE(focused->files.front().path == "src/quiet.py");
    CHECK_THAT(focused->files.front().why, Catch::StartsWith("chosen by the model"));
    CHECK(shows_line(focused->files.front(), line_of(files.at("src/quiet.py"), "def flush_pending_writes")));
}
