// A change as one `git format-patch` style message in an mbox, for review and for `git am`:
// "From <commit> Mon Sep 17 00:00:00 2001", From/Date/Subject headers ([PATCH] + summary), the
// explanation as body, trailers, "---", a diffstat, the diff and a "-- " signature. Pure function.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace oneshot::patch {

struct MboxMessage {
    std::string commit;          // 40 hex digits; zeros when the commit is not made yet
    std::string author_name;
    std::string author_email;
    std::int64_t time = 0;       // seconds since the epoch
    int utc_offset_minutes = 0;  // the author's time zone
    std::string summary;         // becomes "Subject: [PATCH] <summary>"
    std::string explanation;     // the commit body
    std::vector<std::string> trailers;   // "Generated-by: git-oneshot 0.1.0", ...
    std::string diffstat;        // optional text between "---" and the diff
    std::string diff;            // unified_diff() without colour
    std::string signature;       // after "-- ", e.g. "git-oneshot 0.1.0"
};

std::string format_mbox(const MboxMessage& message);

// RFC 2822 date as git writes it: "Sat, 28 Nov 2026 00:52:14 +0100".
std::string rfc2822_date(std::int64_t time, int utc_offset_minutes);

// A diffstat like git's (" path | 3 ++-", then " N files changed, ..."), for MboxMessage::diffstat.
struct DiffStat;
std::string format_diffstat(const std::vector<DiffStat>& stats);

} // namespace oneshot::patch
