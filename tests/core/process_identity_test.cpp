// The owner marker of leftovers: a process is "gone" only when it provably ran on this host and
// no longer runs; another host's marker is "unknown" and never acted on.
#include "core/process_identity.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

using namespace oneshot;

TEST_CASE("owner markers round-trip and reject what is not ours", "[core]")
{
    const ProcessIdentity& self = current_process_identity();
    REQUIRE(self.pid == ::getpid());
    REQUIRE(self.start_ticks > 0);
    const auto back = parse_marker(to_marker(self));
    REQUIRE(back);
    CHECK(back->host == self.host);
    CHECK(back->boot_id == self.boot_id);
    CHECK(back->pid == self.pid);
    CHECK(back->start_ticks == self.start_ticks);
    CHECK_FALSE(parse_marker("mine"));
    CHECK_FALSE(parse_marker("git-oneshot owner host=h boot=b pid=x start=1"));
    CHECK_FALSE(parse_marker("git-oneshot owner host=h boot=b pid=12"));
}

TEST_CASE("owner state: this process alive, a finished one gone, a reused PID gone, another host unknown", "[core]")
{
    const ProcessIdentity& self = current_process_identity();
    CHECK(owner_state(self) == OwnerState::alive);

    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    REQUIRE(child > 0);
    int status = 0;
    ::waitpid(child, &status, 0);
    ProcessIdentity finished = self;
    finished.pid = child;
    CHECK(owner_state(finished) == OwnerState::gone);

    ProcessIdentity reused = self;   // our PID, but another start time: the PID was reused
    reused.start_ticks = self.start_ticks + 1;
    CHECK(owner_state(reused) == OwnerState::gone);

    ProcessIdentity rebooted = self;
    rebooted.boot_id = "another-boot";
    CHECK(owner_state(rebooted) == OwnerState::gone);

    ProcessIdentity elsewhere = finished;
    elsewhere.host = self.host + "-other";
    CHECK(owner_state(elsewhere) == OwnerState::unknown);
}

TEST_CASE("the start time is read past a command name holding spaces and parentheses", "[core]")
{
    const std::string stat = "4242 (a (b) c) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 987654 20 21";
    CHECK(parse_start_ticks(stat) == 987654u);
    CHECK_FALSE(parse_start_ticks("4242 (x) S 1 2"));
    CHECK_FALSE(parse_start_ticks("garbage"));
}
