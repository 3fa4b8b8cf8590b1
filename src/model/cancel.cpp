#include "model/cancel.hpp"

#include <atomic>

namespace oneshot::model {

namespace {
std::atomic<bool> cancel_flag{false};
static_assert(std::atomic<bool>::is_always_lock_free, "request_cancel must be async-signal-safe");
} // namespace

void request_cancel()
{
    cancel_flag.store(true, std::memory_order_relaxed);
}

bool cancel_requested()
{
    return cancel_flag.load(std::memory_order_relaxed);
}

void reset_cancel()
{
    cancel_flag.store(false, std::memory_order_relaxed);
}

} // namespace oneshot::model
