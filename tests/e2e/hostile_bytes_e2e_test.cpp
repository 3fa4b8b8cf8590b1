// No crash on any bytes (issue 11, reproduction 2): messages about hostile paths and bytes are cut
// at character boundaries and written as JSON that tolerates invalid UTF-8, so the run report is
// always one parseable object and the exit code is the documented one, never an abort (134).
#include "support/run_tool.hpp"
#include "support/temp_repo.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace oneshot::testing;
using nlohmann::json;

namespace {

std::string repeat(const std::string& piece, int times)
{
    std::string out;
    for (int i = 0; i < times; ++i) out += piece;
    return out;
}

std::string document_with_path(const std::string& quoted_path)
{
    return R"({"summary": "s", "explanation": "e", "changes": [{"path": ")" + quoted_path +
           R"(", "action": "create", "new_path": null, "content": "x\n", "edits": null}]})";
}

} // namespace

TEST_CASE("apply --check --json: a path of 150 two-byte characters and '..' is a clean refusal", "[e2e]")
{
    TempRepo repo;
    repo.write("a.txt", "a\n");
    repo.commit_all("base");
    const std::string before = repo.state_digest();
    const std::string e_acute = "\xC3\xA9";
    for (const std::string& path : {"a" + repeat(e_acute, 150) + "/../x",   // the issue's reproduction
                                    repeat(e_acute, 300) + "/x",              // too long, cut in a message
                                    std::string("a/\xFF\xFE/x"),             // invalid UTF-8 inside the JSON text
                                    std::string("bad\xC3")}) {                // a character cut short
        CAPTURE(path.size());
        repo.write("../patch.json", document_with_path(path));
        auto run = run_tool(repo.path(), "apply --check --json ../patch.json");
        INFO(run.err);
        CHECK(run.exit_code == 4);
        json report;
        REQUIRE_NOTHROW(report = json::parse(run.out));
        CHECK(report["status"] == "error");
        CHECK(report["error"]["message"].get<std::string>().size() > 0);
    }
    CHECK(repo.state_digest() == before);
}
