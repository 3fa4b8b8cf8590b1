#include "batch/task_file.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

using oneshot::batch::parse_tasks;

TEST_CASE("tasks file: ids, tasks, repos relative to the file, branch and include", "[batch]")
{
    const std::string text = "# comment\n"
                             "{\"id\": \"a\", \"task\": \"Do A\"}\n"
                             "\n"
                             "{\"id\": \"b\", \"task\": \"Do B\", \"repo\": \"../other\", \"branch\": \"x/b\", \"include\": [\"src/b.c\"]}\r\n";
    auto tasks = parse_tasks(text, "/work/batches", "t.jsonl");
    REQUIRE(tasks);
    REQUIRE(tasks->size() == 2);
    CHECK(tasks->at(0).id == "a");
    CHECK(tasks->at(0).repo == std::filesystem::path("/work/batches/"));
    CHECK(tasks->at(0).line == 2);
    CHECK(tasks->at(1).repo == std::filesystem::path("/work/other"));
    CHECK(tasks->at(1).branch == "x/b");
    CHECK(tasks->at(1).include == std::vector<std::string>{"src/b.c"});
    CHECK(tasks->at(1).line == 4);
}

TEST_CASE("tasks file: every bad line is refused with its line number", "[batch]")
{
    const auto error_of = [](const std::string& text) {
        auto tasks = parse_tasks(text, "/x", "t.jsonl");
        REQUIRE_FALSE(tasks);
        CHECK(tasks.error().kind == oneshot::ErrorKind::usage);
        return tasks.error().message;
    };
    const std::string good = "{\"id\": \"a\", \"task\": \"Do A\"}\n";
    CHECK(error_of(good + "{\"id\": \"b\", \"task\": \"x\"\n") == "t.jsonl line 2: not valid JSON");
    CHECK(error_of(good + "[1, 2]\n") == "t.jsonl line 2: not a JSON object");
    CHECK(error_of(good + "{\"task\": \"x\"}\n") == "t.jsonl line 2: \"id\" is missing");
    CHECK(error_of(good + "{\"id\": 7, \"task\": \"x\"}\n") == "t.jsonl line 2: \"id\" must be a string");
    CHECK(error_of(good + "{\"id\": \"b\", \"task\": \"  \"}\n") == "t.jsonl line 2: \"task\" is empty");
    CHECK(error_of(good + "{\"id\": \"b\", \"task\": \"x\", \"repos\": \"r\"}\n").find("line 2: unknown key \"repos\"") != std::string::npos);
    CHECK(error_of(good + "{\"id\": \"b\", \"task\": \"x\", \"include\": \"a.c\"}\n") == "t.jsonl line 2: \"include\" must be a list of paths");
    CHECK(error_of(good + "\n" + good) == "t.jsonl line 3: id \"a\" was already used on line 1");
    CHECK(error_of("# nothing\n\n") == "t.jsonl has no tasks");
}

TEST_CASE("tasks file: the documented example parses", "[batch]")
{
    const auto path = std::filesystem::path(ONESHOT_SOURCE_DIR) / "docs" / "examples" / "tasks.jsonl";
    std::ifstream in(path);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto tasks = parse_tasks(text, path.parent_path(), "tasks.jsonl");
    REQUIRE(tasks);
    CHECK(tasks->size() == 3);
}
