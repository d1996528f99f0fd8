#pragma once
// The FIFO of futures that asyncio's Queue, Lock, Event, Semaphore and
// Condition keep for the tasks blocked on them.
#include <algorithm>
#include <deque>

#include "loopscope/core/event_loop.hpp"

namespace loopscope::detail {

using waiter = ref<future_state<void>>;

class waiter_queue {
public:
    /// A new waiter for the running task, appended at the back.
    [[nodiscard]] waiter add(const char* label) {
        waiter w = make_ref<labelled_future<void>>(running_loop(), label);
        m_waiters.push_back(w);
        return w;
    }
    /// deque.remove(w): false when absent.
    bool remove(const waiter& w) {
        auto it = std::find(m_waiters.begin(), m_waiters.end(), w);
        if (it == m_waiters.end()) return false;
        m_waiters.erase(it);
        return true;
    }
    [[nodiscard]] bool empty() const noexcept { return m_waiters.empty(); }
    [[nodiscard]] std::size_t size() const noexcept { return m_waiters.size(); }
    [[nodiscard]] auto begin() const { return m_waiters.begin(); }
    [[nodiscard]] auto end() const { return m_waiters.end(); }
    /// Queue._wakeup_next: pops waiters until one is not done, and completes it.
    void wake_next() {
        while (!m_waiters.empty()) {
            waiter w = m_waiters.front();
            m_waiters.pop_front();
            if (!w->done()) {
                w->set_result();
                break;
            }
        }
    }

private:
    std::deque<waiter> m_waiters;
};

/// Awaits a waiter; returns the exception it ended with (null when woken
/// normally), so the caller can clean up before rethrowing: C++ cannot
/// co_await inside a catch block.
coro<std::exception_ptr> await_waiter(waiter w);

}  // namespace loopscope::detail
