// The batch's voice on stderr: one line per state change of a task ("started", "passed", ...),
// and on a terminal a live status line under them (running, done, cost) redrawn in place.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>

namespace oneshot::batch {

struct ProgressCounts {
    int running = 0;
    int done = 0;
    int total = 0;
    double cost_usd = 0;
};

class Progress {
public:
    Progress(std::FILE* stream, bool terminal, bool color, bool quiet)
        : stream_(stream), terminal_(terminal), color_(color), quiet_(quiet) {}

    // `status` is a run status word ("passed", "failed", ...) or a state ("started", "skipped").
    void task_line(const std::string& id, const std::string& status, const std::string& detail, const ProgressCounts& counts);
    void note(const std::string& text);
    void finish();   // clears the live line

private:
    void clear_live();
    void draw_live(const ProgressCounts& counts);
    std::string paint(const std::string& status) const;

    std::mutex mutex_;
    std::FILE* stream_;
    bool terminal_, color_, quiet_;
    bool live_shown_ = false;
};

} // namespace oneshot::batch
