#pragma once
// The FIFO of futures that asyncio's Queue, Lock, Event, Semaphore and
// Condition keep for the tasks blocked on them.
#include <algorithm>
#include <coroutine>
#include <deque>
#include <exception>
#include <utility>

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

/// Awaits a waiter; `co_await await_waiter(w)` returns the exception it
/// ended with (null when woken normally), so the caller can clean up before
/// rethrowing: C++ cannot co_await inside a catch block. An awaiter rather
/// than a coroutine: a blocked task then costs one frame less.
class [[nodiscard]] await_waiter {
public:
    explicit await_waiter(waiter w) noexcept : m_waiter(std::move(w)) {}
    [[nodiscard]] bool await_ready() const noexcept { return m_waiter->done(); }
    template <class P>
    void await_suspend(std::coroutine_handle<P> h) noexcept {
        m_step = step_context_of(h);
        suspend_on(*m_step, *m_waiter, h);
    }
    std::exception_ptr await_resume() noexcept {
        if (m_step && m_step->thrown) return std::exchange(m_step->thrown, nullptr);
        try {
            m_waiter->check_result();
        } catch (...) {
            return std::current_exception();
        }
        return nullptr;
    }

private:
    waiter m_waiter;
    step_context* m_step = nullptr;  // set when it suspends
};

}  // namespace loopscope::detail
