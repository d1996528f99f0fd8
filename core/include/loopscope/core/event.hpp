#pragma once
// asyncio.Event: set() wakes every waiter, in the order they started waiting.
#include "loopscope/core/detail/waiters.hpp"

namespace loopscope {

/// asyncio.Event. Must outlive the tasks that wait on it.
class event {
public:
    [[nodiscard]] bool is_set() const noexcept { return m_value; }
    /// Sets the flag and wakes every waiter.
    void set();
    void clear() noexcept { m_value = false; }
    /// Returns at once if set; otherwise waits for set(). Returns true.
    /// Instruments see the task waiting on "event.wait".
    coro<bool> wait();

private:
    template <class T>
    friend class queue;  // queue.join() waits on its event as "queue.join"
    /// wait(), reported to instruments as waiting on `label` (a static string).
    coro<bool> wait_as(const char* label);

    detail::waiter_queue m_waiters;
    bool m_value = false;
};

}  // namespace loopscope
