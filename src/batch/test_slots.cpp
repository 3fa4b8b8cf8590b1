#include "batch/test_slots.hpp"

namespace oneshot::batch {

void TestSlots::set_capacity(int capacity)
{
    std::lock_guard lock(mutex_);
    capacity_ = capacity;
    freed_.notify_all();
}

TestSlots::Slot TestSlots::acquire()
{
    std::unique_lock lock(mutex_);
    freed_.wait(lock, [&] { return capacity_ <= 0 || in_use_ < capacity_; });
    ++in_use_;
    return Slot(this);
}

void TestSlots::release()
{
    std::lock_guard lock(mutex_);
    --in_use_;
    freed_.notify_one();
}

TestSlots& test_slots()
{
    static TestSlots slots;
    return slots;
}

} // namespace oneshot::batch
