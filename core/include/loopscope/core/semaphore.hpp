#pragma once
// asyncio.Semaphore and BoundedSemaphore (3.11.7): a counter; acquire waits
// while it is zero or others are already waiting, FIFO.
#include "loopscope/core/detail/waiters.hpp"

namespace loopscope {

/// asyncio.Semaphore(value).
class semaphore {
public:
    /// Throws std::invalid_argument when value < 0.
    explicit semaphore(int value = 1);
    [[nodiscard]] bool locked() const noexcept;
    [[nodiscard]] int value() const noexcept { return m_value; }
    /// Waits until the counter is positive, then decrements it. Returns true.
    coro<bool> acquire();
    /// Increments the counter and wakes the first waiter.
    virtual void release();
    virtual ~semaphore() = default;

private:
    void wake_up_next();

    detail::waiter_queue m_waiters;
    int m_value;
};

/// asyncio.BoundedSemaphore: release() beyond the initial value throws
/// std::invalid_argument (ValueError).
class bounded_semaphore final : public semaphore {
public:
    explicit bounded_semaphore(int value = 1) : semaphore(value), m_bound(value) {}
    void release() override;

private:
    int m_bound;
};

}  // namespace loopscope
