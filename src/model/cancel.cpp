#include "model/cancel.hpp"

#include "core/interrupt.hpp"

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
    // Ctrl-C reaches the process through core/interrupt.hpp's handler; either flag cancels.
    return cancel_flag.load(std::memory_order_relaxed) || interrupt_requested();
}

void reset_cancel()
{
    cancel_flag.store(false, std::memory_order_relaxed);
}

} // namespace oneshot::model
