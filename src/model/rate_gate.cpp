#include "model/rate_gate.hpp"

#include <algorithm>

namespace oneshot::model {

void RateGate::set_patient(bool patient)
{
    std::lock_guard lock(mutex_);
    patient_ = patient;
}

bool RateGate::patient() const
{
    std::lock_guard lock(mutex_);
    return patient_;
}

void RateGate::hold(double seconds, Clock::time_point now)
{
    const auto until = now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(std::max(0.0, seconds)));
    std::lock_guard lock(mutex_);
    open_at_ = std::max(open_at_, until);
    ++holds_;
}

double RateGate::remaining_s(Clock::time_point now) const
{
    std::lock_guard lock(mutex_);
    return open_at_ > now ? std::chrono::duration<double>(open_at_ - now).count() : 0.0;
}

int RateGate::holds() const
{
    std::lock_guard lock(mutex_);
    return holds_;
}

RateGate& rate_gate()
{
    static RateGate gate;
    return gate;
}

} // namespace oneshot::model
