// Progress of a model request on stderr (stdout stays clean for --json): elapsed time, phase and
// tokens so far. On a terminal one line is redrawn in place; otherwise plain lines are written on
// phase changes and every 30 s, which reads well in CI logs. Silent when disabled (--quiet).
#pragma once

#include "model/answer_state.hpp"

#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>

namespace oneshot::model {

// "o3: thinking, 42 s, ~1200 tokens" (pure, for tests and both display styles).
std::string format_progress(std::string_view model, Phase phase, double elapsed_s, std::size_t approx_tokens);

class Progress {
public:
    Progress(bool enabled, bool live, std::FILE* out, std::string model);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    void update(Phase phase, std::size_t approx_tokens);
    void note(const std::string& line);   // e.g. a retry: always its own line
    void finish();

private:
    void draw(bool force);
    void clear_live_line();

    bool enabled_;
    bool live_;
    std::FILE* out_;
    std::string model_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::chrono::steady_clock::time_point last_draw_{};
    Phase phase_ = Phase::waiting;
    Phase drawn_phase_ = Phase::waiting;
    std::size_t tokens_ = 0;
    bool line_open_ = false;
    bool drawn_once_ = false;
};

} // namespace oneshot::model
