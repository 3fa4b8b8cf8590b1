#include "model/rate_gate.hpp"

#include <catch2/catch.hpp>

using oneshot::model::RateGate;

TEST_CASE("rate gate: a hold closes the gate for everyone, a shorter one never reopens it early", "[batch]")
{
    RateGate gate;
    const auto t0 = RateGate::Clock::time_point{} + std::chrono::hours(1);
    CHECK(gate.remaining_s(t0) == 0);
    gate.hold(2.0, t0);
    CHECK(gate.remaining_s(t0) == Approx(2.0));
    CHECK(gate.remaining_s(t0 + std::chrono::seconds(1)) == Approx(1.0));
    gate.hold(0.5, t0 + std::chrono::seconds(1));   // ends before the first hold does
    CHECK(gate.remaining_s(t0 + std::chrono::seconds(1)) == Approx(1.0));
    gate.hold(3.0, t0 + std::chrono::seconds(1));
    CHECK(gate.remaining_s(t0 + std::chrono::seconds(3)) == Approx(1.0));
    CHECK(gate.remaining_s(t0 + std::chrono::seconds(5)) == 0);
    CHECK(gate.holds() == 3);
    CHECK_FALSE(gate.patient());
    gate.set_patient(true);
    CHECK(gate.patient());
}
