// A process-wide backoff for rate limits (HTTP 429). When one request of a batch is told to slow
// down, every request of the process waits out the same pause before its next send, so the batch
// as a whole slows to what the provider allows instead of each task burning its retries alone.
// "Patient" (set by batch): rate limits do not use up a request's retries; the overall deadline
// (--timeout) and Ctrl-C still end the wait.
#pragma once

#include <chrono>
#include <mutex>

namespace oneshot::model {

class RateGate {
public:
    using Clock = std::chrono::steady_clock;

    void set_patient(bool patient);
    bool patient() const;
    // Nobody sends before now + seconds (a later hold extends it, an earlier one does not shorten it).
    void hold(double seconds, Clock::time_point now = Clock::now());
    // How long a request must still wait, 0 when the gate is open.
    double remaining_s(Clock::time_point now = Clock::now()) const;
    int holds() const;   // how many rate limits closed the gate (for reports and tests)

private:
    mutable std::mutex mutex_;
    Clock::time_point open_at_{};
    bool patient_ = false;
    int holds_ = 0;
};

RateGate& rate_gate();

} // namespace oneshot::model
