// Ctrl-C handling shared by every stage: the signal handler only sets a flag; long operations (HTTP
// transfers, test processes, context building) poll it and unwind, cleaning up as they go.
#pragma once

namespace oneshot {

// Installs SIGINT/SIGTERM/SIGHUP handlers that set the flag (idempotent).
void install_interrupt_handlers();
bool interrupt_requested();
void request_interrupt();   // for tests and for fatal paths that want the same unwinding
void clear_interrupt();     // for tests that simulate a Ctrl-C and then go on

} // namespace oneshot
