// The report under stress: one batch at a time (an exclusive lock), and a write that fails part-way
// through a record (the file size limit, injected in a child process) leaves a loadable file.
#include "batch/report_log.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace oneshot::batch;
using nlohmann::json;

namespace {

std::filesystem::path temp_report()
{
    char dir[] = "/tmp/oneshot-report-XXXXXX";
    REQUIRE(::mkdtemp(dir));
    return std::filesystem::path(dir) / "r.jsonl";
}

std::string read_all(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

} // namespace

TEST_CASE("report: a second writer on the same report is refused while the first holds it", "[batch]")
{
    const auto path = temp_report();
    {
        auto first = ReportWriter::open(path);
        REQUIRE(first);
        CHECK(first->created());
        auto second = ReportWriter::open(path);
        REQUIRE_FALSE(second);
        CHECK(second.error().kind == oneshot::ErrorKind::usage);
        CHECK_THAT(second.error().message, Catch::Contains("in use by another batch"));
    }
    auto later = ReportWriter::open(path);   // released with the first writer
    CHECK(later);
    CHECK_FALSE(later->created());
    std::filesystem::remove_all(path.parent_path());
}

TEST_CASE("report: a write that fails mid-record is cut back to the last whole record", "[batch]")
{
    const auto path = temp_report();
    const json small_a = {{"id", "a"}, {"status", "passed"}};
    const json large = {{"id", "big"}, {"status", "passed"}, {"padding", std::string(8000, 'x')}};
    const json small_c = {{"id", "c"}, {"status", "failed"}};
    // A child, so that the file size limit binds only it: the large record passes the limit
    // part-way, the write stops there (EFBIG, SIGXFSZ ignored), and the writer must undo it.
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{4096, 4096};
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(10);
        auto writer = ReportWriter::open(path);
        if (!writer) ::_exit(11);
        if (!writer->append(small_a)) ::_exit(12);
        if (writer->append(large)) ::_exit(13);   // must fail
        if (!writer->append(small_c)) ::_exit(14);   // the file is usable after the failure
        ::_exit(0);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    const std::string text = read_all(path);
    CHECK(text.find("xxxx") == std::string::npos);   // nothing of the torn record is left
    auto loaded = load_report_repairing(path);
    REQUIRE(loaded);
    CHECK_FALSE(loaded->torn_tail);
    REQUIRE(loaded->records.size() == 2);
    CHECK(loaded->records[0]["id"] == "a");
    CHECK(loaded->records[1]["id"] == "c");
    std::filesystem::remove_all(path.parent_path());
}
