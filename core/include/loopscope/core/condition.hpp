#pragma once
// asyncio.Condition: wait() releases the lock, waits for notify, and takes
// the lock back before returning, even when cancelled.
#include <functional>

#include "loopscope/core/lock.hpp"

namespace loopscope {

/// asyncio.Condition over its own lock.
class condition {
public:
    [[nodiscard]] bool locked() const noexcept { return m_lock.locked(); }
    coro<bool> acquire() { return m_lock.acquire(); }
    void release() { m_lock.release(); }
    /// Requires the lock (std::logic_error otherwise). Returns true.
    coro<bool> wait();
    /// Waits until predicate() is true; returns its last value.
    coro<bool> wait_for(std::function<bool()> predicate);
    /// Wakes up to n waiters; requires the lock.
    void notify(int n = 1);
    void notify_all() { notify(int(m_waiters.size())); }

private:
    lock m_lock;
    detail::waiter_queue m_waiters;
};

}  // namespace loopscope
