// The batch report file: JSONL, one record per finished task ({"id"} plus the run report's fields
// and "duration_s"), appended and fsync'd as each task finishes, so a killed batch loses at most
// the line being written. Reading it back tolerates exactly that: a torn last line.
#pragma once

#include "core/error.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace oneshot::batch {

struct ReportContents {
    std::vector<nlohmann::json> records;   // in file order
    std::size_t valid_bytes = 0;           // length of the complete, parseable prefix
    bool torn_tail = false;                // a last line without its newline or not parseable
};

// Pure. A bad line other than the last is an error naming the line (the file is not ours, or was
// edited); a bad last line is a torn write.
Result<ReportContents> parse_report(std::string_view text, const std::string& file_name);

// Several report files into one list (for --merge-reports): the first appearance of an id sets its
// place; a later record of the same id replaces it (a rerun supersedes). `texts` are (name, text).
Result<std::vector<nlohmann::json>> merge_reports(const std::vector<std::pair<std::string, std::string>>& texts);

// Reads the report at `path` (missing: empty), and cuts a torn tail off the file itself.
Result<ReportContents> load_report_repairing(const std::filesystem::path& path);

// Appends records, one write + fsync per record, from any thread. Holds an exclusive lock on the
// file for its lifetime: two batches on one report would delete each other's staging branches
// and interleave records, so the second one is refused. A write that fails part-way is cut back
// to the last whole record, so the file always loads.
class ReportWriter {
public:
    // Errors: usage (cannot open; another batch holds the report).
    static Result<ReportWriter> open(const std::filesystem::path& path);
    ReportWriter(ReportWriter&& other) noexcept;
    ReportWriter& operator=(ReportWriter&&) = delete;
    ReportWriter(const ReportWriter&) = delete;
    ~ReportWriter();

    Status append(const nlohmann::json& record);
    bool created() const { return created_; }   // the file did not exist before open()

private:
    ReportWriter(int fd, std::filesystem::path path, bool created) : fd_(fd), path_(std::move(path)), created_(created) {}
    int fd_ = -1;
    std::filesystem::path path_;
    bool created_ = false;
    std::mutex mutex_;
};

} // namespace oneshot::batch
