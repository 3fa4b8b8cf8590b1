// Who made a leftover: host, boot, PID and the process's start time. A PID alone proves nothing —
// it is reused, and another container or machine sharing the repository has its own PIDs — so a
// leftover (test worktree, lock) is only ever removed when this identity says its owner is gone.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace oneshot {

struct ProcessIdentity {
    std::string host;          // gethostname
    std::string boot_id;       // /proc/sys/kernel/random/boot_id: changes at every boot
    long pid = 0;
    std::uint64_t start_ticks = 0;   // field 22 of /proc/<pid>/stat: with the PID, names one process per boot
};

// This process's identity (the same value for the whole run).
const ProcessIdentity& current_process_identity();

// One line, "git-oneshot owner host=H boot=B pid=P start=S", and back (nullopt: not ours).
std::string to_marker(const ProcessIdentity& identity);
std::optional<ProcessIdentity> parse_marker(std::string_view text);

enum class OwnerState { alive, gone, unknown };

// alive: the owner runs here; gone: it ran on this host and no longer runs (rebooted since, no such
// PID, or the PID is now another process); unknown: another host (or container), never touched.
OwnerState owner_state(const ProcessIdentity& owner);

// Field 22 of /proc/<pid>/stat, nullopt when there is no such process. Pure parser for tests.
std::optional<std::uint64_t> start_ticks_of(long pid);
std::optional<std::uint64_t> parse_start_ticks(std::string_view stat_line);

} // namespace oneshot
