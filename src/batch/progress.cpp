#include "batch/progress.hpp"

namespace oneshot::batch {

std::string Progress::paint(const std::string& status) const
{
    if (!color_) return status;
    const char* code = status == "passed" ? "\033[32m" : status == "failed" || status == "error" ? "\033[31m"
                      : status == "untested" ? "\033[33m" : "\033[2m";
    return std::string(code) + status + "\033[m";
}

void Progress::clear_live()
{
    if (live_shown_) {
        std::fputs("\r\033[K", stream_);
        live_shown_ = false;
    }
}

void Progress::draw_live(const ProgressCounts& counts)
{
    if (!terminal_) return;
    std::fprintf(stream_, "  %d running, %d/%d done, $%.4f", counts.running, counts.done, counts.total, counts.cost_usd);
    live_shown_ = true;
}

void Progress::task_line(const std::string& id, const std::string& status, const std::string& detail, const ProgressCounts& counts)
{
    if (quiet_) return;
    std::lock_guard lock(mutex_);
    clear_live();
    std::fprintf(stream_, "[%d/%d] %s: %s%s%s\n", counts.done, counts.total, id.c_str(), paint(status).c_str(),
                 detail.empty() ? "" : " ", detail.c_str());
    draw_live(counts);
    std::fflush(stream_);
}

void Progress::note(const std::string& text)
{
    if (quiet_) return;
    std::lock_guard lock(mutex_);
    clear_live();
    std::fprintf(stream_, "%s\n", text.c_str());
    std::fflush(stream_);
}

void Progress::finish()
{
    std::lock_guard lock(mutex_);
    clear_live();
    std::fflush(stream_);
}

} // namespace oneshot::batch
