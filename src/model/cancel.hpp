// Cancellation of model requests (Ctrl-C). The CLI's SIGINT handler calls request_cancel(), which
// only stores to a lock-free atomic and so is async-signal-safe; transfers and retry waits poll
// cancel_requested() every few tens of milliseconds and stop with ErrorKind::interrupted.
#pragma once

namespace oneshot::model {

void request_cancel();
bool cancel_requested();
// For tests and for a batch runner that continues after one cancelled task.
void reset_cancel();

} // namespace oneshot::model
