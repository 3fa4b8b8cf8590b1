#include "batch/report_log.hpp"

#include "core/durable.hpp"
#include "core/json_text.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <map>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace oneshot::batch {

using nlohmann::json;

Result<ReportContents> parse_report(std::string_view text, const std::string& file_name)
{
    ReportContents contents;
    std::size_t start = 0;
    int line_number = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        ++line_number;
        const bool complete = end != std::string_view::npos;
        const std::string_view line = text.substr(start, (complete ? end : text.size()) - start);
        const bool last = !complete || end + 1 >= text.size();
        json record = json::parse(line, nullptr, false);
        const bool good = complete && record.is_object() && record.contains("id") && record["id"].is_string();
        if (!good) {
            if (last) {
                contents.torn_tail = true;
                return contents;
            }
            if (line.find_first_not_of(" \t\r") == std::string_view::npos) {   // a blank line: harmless
                start = end + 1;
                contents.valid_bytes = start;
                continue;
            }
            return make_error(ErrorKind::usage, file_name + " line " + std::to_string(line_number) +
                                                    ": not a batch report record (a JSON object with an \"id\")");
        }
        contents.records.push_back(std::move(record));
        start = end + 1;
        contents.valid_bytes = start;
    }
    return contents;
}

Result<std::vector<json>> merge_reports(const std::vector<std::pair<std::string, std::string>>& texts)
{
    std::vector<json> merged;
    std::map<std::string, std::size_t> slot_of;
    for (const auto& [name, text] : texts) {
        auto contents = parse_report(text, name);
        if (!contents) return contents.take_error();
        for (auto& record : contents->records) {
            const std::string id = record["id"].get<std::string>();
            if (auto it = slot_of.find(id); it != slot_of.end()) {
                merged[it->second] = std::move(record);
            } else {
                slot_of.emplace(id, merged.size());
                merged.push_back(std::move(record));
            }
        }
    }
    return merged;
}

Result<ReportContents> load_report_repairing(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return ReportContents{};
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(ErrorKind::usage, "cannot read the report " + path.string());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto contents = parse_report(text, path.string());
    if (!contents) return contents;
    if (contents->torn_tail) {
        // The interrupted run died mid-write: drop the partial line so appends start clean.
        if (::truncate(path.c_str(), static_cast<off_t>(contents->valid_bytes)) != 0) {
            return make_error(ErrorKind::internal, "cannot repair the report " + path.string() + ": " + std::strerror(errno));
        }
    }
    return contents;
}

Result<ReportWriter> ReportWriter::open(const std::filesystem::path& path)
{
    std::error_code ec;
    const bool existed = std::filesystem::exists(path, ec);
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) return make_error(ErrorKind::usage, "cannot open the report " + path.string() + ": " + std::strerror(errno));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(fd);
        if (error == EWOULDBLOCK) {
            return make_error(ErrorKind::usage, "the report " + path.string() +
                                                    " is in use by another batch; wait for it to finish, or give this one its own --report");
        }
        return make_error(ErrorKind::usage, "cannot lock the report " + path.string() + ": " + std::strerror(error));
    }
    if (!existed) sync_parent_directory(path);
    return ReportWriter(fd, path, !existed);
}

ReportWriter::ReportWriter(ReportWriter&& other) noexcept : fd_(other.fd_), path_(std::move(other.path_)), created_(other.created_)
{
    other.fd_ = -1;
}

ReportWriter::~ReportWriter()
{
    if (fd_ >= 0) ::close(fd_);
}

Status ReportWriter::append(const json& record)
{
    const std::string line = json_text(record) + "\n";
    std::lock_guard lock(mutex_);
    struct stat before{};
    if (::fstat(fd_, &before) != 0) return make_error(ErrorKind::internal, "cannot write the report " + path_.string() + ": " + std::strerror(errno));
    const auto fail = [&](const char* what) -> Status {
        const std::string reason = std::strerror(errno);
        // Back to the last whole record: a torn line in the middle would make the file unloadable
        // once later records follow it.
        if (::ftruncate(fd_, before.st_size) == 0) static_cast<void>(::fsync(fd_));
        return make_error(ErrorKind::internal, std::string(what) + " the report " + path_.string() + ": " + reason);
    };
    std::size_t written = 0;
    while (written < line.size()) {
        const ssize_t n = ::write(fd_, line.data() + written, line.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            if (n == 0) errno = EIO;
            return fail("cannot write");
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd_) != 0) return fail("cannot flush");
    return Ok{};
}

} // namespace oneshot::batch
