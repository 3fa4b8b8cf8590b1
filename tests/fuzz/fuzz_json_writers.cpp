// libFuzzer target: arbitrary bytes into every JSON the tool writes — the run report (run, apply,
// apply --check), a batch record, and `context --json` — through the same functions the commands
// use. Each output must be one JSON text a strict parser reads back (valid UTF-8 included), and
// nothing may throw: before issue 11, one invalid byte in a message aborted the process.
#include "batch/report_log.hpp"
#include "cli/run_report.hpp"
#include "context/engine.hpp"
#include "core/json_text.hpp"
#include "core/utf8.hpp"
#include "patch/engine.hpp"
#include "patch/memory_base.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <cstdlib>
#include <string>

using namespace oneshot;
using nlohmann::json;

namespace {

// The writer's output must read back under the strictest parse (it throws on invalid UTF-8).
json read_back(const std::string& text)
{
    try {
        return json::parse(text);
    } catch (const json::exception&) {
        std::abort();
    }
}

std::string bytes(FuzzedDataProvider& data)
{
    return data.ConsumeRandomLengthString(400);
}

cli::RunReport report_from(FuzzedDataProvider& data)
{
    cli::RunReport report;
    report.status = static_cast<cli::RunStatus>(data.ConsumeIntegralInRange<int>(0, 3));
    report.branch = bytes(data);
    report.base = bytes(data);
    patch::Change change;
    change.path = bytes(data);
    change.new_path = bytes(data);
    report.changes.push_back(change);
    verify::Verification tests;
    tests.tests.command = bytes(data);
    tests.tests.reason = bytes(data);
    tests.tests.failing = {bytes(data), bytes(data)};
    tests.comparison.broke = {bytes(data)};
    report.tests = tests;
    report.error = make_error(static_cast<ErrorKind>(data.ConsumeIntegralInRange<int>(0, 9)), bytes(data), bytes(data));
    return report;
}

// apply --check --json: the document's own refusal, carried into the report as the command does.
void apply_check(const std::string& document)
{
    cli::RunReport report;
    auto parsed = patch::parse_document(document);
    if (parsed) {
        patch::MemoryBaseFiles base;
        base.add("a.txt", "a\n");
        auto resolved = patch::resolve(*parsed, base);
        if (!resolved) report.error = resolved.error();
    } else {
        report.error = parsed.error();
    }
    if (report.error) read_back(json_text(cli::to_json(report)));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* raw, std::size_t size)
{
    const std::string whole(reinterpret_cast<const char*>(raw), size);
    apply_check(whole);

    FuzzedDataProvider data(raw, size);
    const cli::RunReport report = report_from(data);
    read_back(json_text(cli::to_json(report)));
    static_cast<void>(cli::human_summary(report));

    // A batch record: the report plus the task's id and repository, as ReportWriter writes it.
    json record = cli::to_json(report);
    record["id"] = bytes(data);
    record["repo"] = bytes(data);
    const std::string line = json_text(record) + "\n";
    auto contents = batch::parse_report(line, "fuzz");
    if (!contents || contents->records.size() != 1 || contents->torn_tail) std::abort();

    context::ContextPack pack;
    context::ShownFile file;
    file.path = bytes(data);
    file.why = bytes(data);
    pack.files.push_back(file);
    read_back(json_text(context::to_json(pack)));

    // A cut never makes valid text invalid.
    const std::string rest = data.ConsumeRemainingBytesAsString();
    const std::size_t limit = rest.size() / 2;
    const std::string prefix(utf8_prefix(rest, limit));
    const std::string suffix(utf8_suffix(rest, limit));
    if (prefix.size() > limit || suffix.size() > limit) std::abort();
    try {
        static_cast<void>(json(rest).dump());
    } catch (const json::exception&) {
        return 0;   // the input was not valid UTF-8: nothing to keep valid
    }
    static_cast<void>(json(prefix).dump());   // throws (and so crashes the target) if the cut split a character
    static_cast<void>(json(suffix).dump());
    return 0;
}
