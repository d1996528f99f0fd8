#pragma once
// asyncio.Lock: FIFO, and fair in 3.11's way: release wakes the first waiter,
// and a task arriving while others wait queues behind them.
#include "loopscope/core/detail/waiters.hpp"

namespace loopscope {

/// asyncio.Lock. Python's `async with lock:` is acquire() ... release().
class lock {
public:
    [[nodiscard]] bool locked() const noexcept { return m_locked; }
    /// Waits until the lock is free, then takes it. Returns true.
    coro<bool> acquire();
    /// Frees the lock; throws std::logic_error (RuntimeError) if not locked.
    void release();

private:
    void wake_up_first();

    detail::waiter_queue m_waiters;
    bool m_locked = false;
};

}  // namespace loopscope
