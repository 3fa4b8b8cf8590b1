// How many test runs may go at once, process-wide. Model requests overlap freely (they wait on the
// network), but test runs compete for the cores, so a batch with --jobs 8 on a 2-core machine
// still runs only a couple of test suites at a time. Unlimited until a batch sets a capacity.
#pragma once

#include <condition_variable>
#include <mutex>

namespace oneshot::batch {

class TestSlots {
public:
    class Slot {
    public:
        explicit Slot(TestSlots* owner) : owner_(owner) {}
        Slot(Slot&& other) noexcept : owner_(other.owner_) { other.owner_ = nullptr; }
        Slot(const Slot&) = delete;
        Slot& operator=(const Slot&) = delete;
        Slot& operator=(Slot&&) = delete;
        ~Slot() { if (owner_) owner_->release(); }
    private:
        TestSlots* owner_;
    };

    void set_capacity(int capacity);   // <= 0: unlimited
    Slot acquire();                    // blocks while every slot is taken

private:
    void release();
    std::mutex mutex_;
    std::condition_variable freed_;
    int capacity_ = 0;
    int in_use_ = 0;
};

TestSlots& test_slots();

} // namespace oneshot::batch
