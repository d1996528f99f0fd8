// Event, Lock, Semaphore and Condition, transliterated from CPython 3.11.7's
// asyncio/locks.py so that wake-up orders match exactly.
#include <stdexcept>

#include "loopscope/core/condition.hpp"
#include "loopscope/core/event.hpp"
#include "loopscope/core/lock.hpp"
#include "loopscope/core/semaphore.hpp"

namespace loopscope {

// [SECTION] event

void event::set() {
    if (m_value) return;
    m_value = true;
    for (auto& w : m_waiters)
        if (!w->done()) w->set_result();
}

coro<bool> event::wait() {
    if (m_value) co_return true;
    detail::waiter w = m_waiters.add("event.wait");
    auto error = co_await detail::await_waiter(w);
    m_waiters.remove(w);
    if (error) std::rethrow_exception(error);
    co_return true;
}

// wait() with another label. wait() does not forward to it: as a coroutine
// that would cost every waiting task one frame more (bench/RESULTS.md counts
// them), as a plain function it would rename the coroutine that a
// never-awaited report names.
coro<bool> event::wait_as(const char* label) {
    if (m_value) co_return true;
    detail::waiter w = m_waiters.add(label);
    auto error = co_await detail::await_waiter(w);
    m_waiters.remove(w);
    if (error) std::rethrow_exception(error);
    co_return true;
}

// [SECTION] lock

coro<bool> lock::acquire() {
    const bool all_cancelled =
        std::all_of(m_waiters.begin(), m_waiters.end(), [](const detail::waiter& w) { return w->cancelled(); });
    if (!m_locked && all_cancelled) {
        m_locked = true;
        co_return true;
    }
    detail::waiter w = m_waiters.add("lock.acquire");
    auto error = co_await detail::await_waiter(w);
    m_waiters.remove(w);
    if (error) {
        const bool cancelled = is_cancelled_error(error);
        if (cancelled && !m_locked) wake_up_first();
        std::rethrow_exception(error);
    }
    m_locked = true;
    co_return true;
}

void lock::release() {
    if (!m_locked) throw std::logic_error("Lock is not acquired.");
    m_locked = false;
    wake_up_first();
}

void lock::wake_up_first() {
    if (m_waiters.empty()) return;
    const detail::waiter& w = *m_waiters.begin();
    if (!w->done()) w->set_result();
}

// [SECTION] semaphore

semaphore::semaphore(int value) : m_value(value) {
    if (value < 0) throw std::invalid_argument("Semaphore initial value must be >= 0");
}

bool semaphore::locked() const noexcept {
    return m_value == 0 ||
           std::any_of(m_waiters.begin(), m_waiters.end(), [](const detail::waiter& w) { return !w->cancelled(); });
}

coro<bool> semaphore::acquire() {
    if (!locked()) {
        --m_value;
        co_return true;
    }
    detail::waiter w = m_waiters.add("semaphore.acquire");
    auto error = co_await detail::await_waiter(w);
    m_waiters.remove(w);
    if (error) {
        const bool cancelled = is_cancelled_error(error);
        if (cancelled && !w->cancelled()) {
            ++m_value;
            wake_up_next();
        }
        std::rethrow_exception(error);
    }
    if (m_value > 0) wake_up_next();
    co_return true;
}

void semaphore::release() {
    ++m_value;
    wake_up_next();
}

void semaphore::wake_up_next() {
    for (auto& w : m_waiters) {
        if (!w->done()) {
            --m_value;
            w->set_result();
            return;
        }
    }
}

void bounded_semaphore::release() {
    if (value() >= m_bound) throw std::invalid_argument("BoundedSemaphore released too many times");
    semaphore::release();
}

// [SECTION] condition

coro<bool> condition::wait() {
    if (!locked()) throw std::logic_error("cannot wait on un-acquired lock");
    release();
    detail::waiter w = m_waiters.add("condition.wait");
    auto error = co_await detail::await_waiter(w);
    m_waiters.remove(w);
    // finally: take the lock back, even if cancelled meanwhile.
    bool cancelled = false;
    while (true) {
        bool acquired = false;
        try {
            co_await m_lock.acquire();
            acquired = true;
        } catch (const cancelled_error&) {
            cancelled = true;
        }
        if (acquired) break;
    }
    if (cancelled) throw cancelled_error();
    if (error) std::rethrow_exception(error);
    co_return true;
}

coro<bool> condition::wait_for(std::function<bool()> predicate) {
    bool result = predicate();
    while (!result) {
        co_await wait();
        result = predicate();
    }
    co_return result;
}

void condition::notify(int n) {
    if (!locked()) throw std::logic_error("cannot notify on un-acquired lock");
    int woken = 0;
    for (auto& w : m_waiters) {
        if (woken >= n) break;
        if (!w->done()) {
            ++woken;
            w->set_result();
        }
    }
}

}  // namespace loopscope
