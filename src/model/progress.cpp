#include "model/progress.hpp"

namespace oneshot::model {

std::string format_progress(std::string_view model, Phase phase, double elapsed_s, std::size_t approx_tokens)
{
    const char* phase_name = phase == Phase::waiting ? "waiting" : phase == Phase::thinking ? "thinking" : "writing";
    const long seconds = static_cast<long>(elapsed_s);
    std::string out = std::string(model.empty() ? "model" : model) + ": " + phase_name + ", ";
    if (seconds >= 60)
        out += std::to_string(seconds / 60) + " min " + std::to_string(seconds % 60) + " s";
    else
        out += std::to_string(seconds) + " s";
    if (approx_tokens > 0)
        out += ", ~" + std::to_string(approx_tokens) + " tokens";
    return out;
}

Progress::Progress(bool enabled, bool live, std::FILE* out, std::string model)
    : enabled_(enabled && out != nullptr), live_(live), out_(out), model_(std::move(model))
{
}

Progress::~Progress()
{
    finish();
}

void Progress::update(Phase phase, std::size_t approx_tokens)
{
    phase_ = phase;
    tokens_ = approx_tokens;
    draw(false);
}

void Progress::note(const std::string& line)
{
    if (!enabled_)
        return;
    clear_live_line();
    std::fprintf(out_, "%s\n", line.c_str());
    std::fflush(out_);
}

void Progress::finish()
{
    clear_live_line();
}

void Progress::clear_live_line()
{
    if (enabled_ && live_ && line_open_) {
        std::fputs("\r\033[K", out_);
        std::fflush(out_);
    }
    line_open_ = false;
}

void Progress::draw(bool force)
{
    if (!enabled_)
        return;
    const auto now = std::chrono::steady_clock::now();
    const double since_draw = std::chrono::duration<double>(now - last_draw_).count();
    const bool phase_changed = phase_ != drawn_phase_ || !drawn_once_;
    if (live_) {
        if (!force && !phase_changed && since_draw < 0.2)
            return;
    } else if (!force && !phase_changed && since_draw < 30) {
        return;
    }
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const std::string text = format_progress(model_, phase_, elapsed, tokens_);
    if (live_) {
        std::fprintf(out_, "\r\033[K%s", text.c_str());
        line_open_ = true;
    } else {
        std::fprintf(out_, "%s\n", text.c_str());
    }
    std::fflush(out_);
    last_draw_ = now;
    drawn_phase_ = phase_;
    drawn_once_ = true;
}

} // namespace oneshot::model
