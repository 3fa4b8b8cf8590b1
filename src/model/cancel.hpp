// Cancellation of model requests. Ctrl-C sets core/interrupt.hpp's process-wide flag (the signal
// handler does nothing else); request_cancel() is a second, resettable flag for callers that cancel
// one task and go on (tests, a batch runner). Transfers and retry waits poll cancel_requested(),
// true when either is set, every few tens of milliseconds and stop with ErrorKind::interrupted.
#pragma once

namespace oneshot::model {

void request_cancel();
bool cancel_requested();
// For tests and for a batch runner that continues after one cancelled task.
void reset_cancel();

} // namespace oneshot::model
