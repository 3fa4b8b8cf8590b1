#include "core/interrupt.hpp"

#include <atomic>
#include <csignal>

namespace oneshot {

namespace {

volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void on_interrupt(int)
{
    g_interrupted = 1;
}

} // namespace

void install_interrupt_handlers()
{
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;   // no SA_RESTART: blocking calls return EINTR and notice the flag
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGHUP, &action, nullptr);
}

bool interrupt_requested()
{
    return g_interrupted != 0;
}

void request_interrupt()
{
    g_interrupted = 1;
}

void clear_interrupt()
{
    g_interrupted = 0;
}

} // namespace oneshot
