#pragma once
// asyncio.Queue: put on a full queue and get on an empty one wait; each
// put/get wakes the first waiter that is not done. join() waits until every
// item put has been marked task_done().
#include <deque>
#include <stdexcept>

#include "loopscope/core/detail/waiters.hpp"
#include "loopscope/core/event.hpp"

namespace loopscope {

/// asyncio.Queue(maxsize); maxsize <= 0 means unbounded. Must outlive the
/// tasks that use it.
template <class T>
class queue {
public:
    explicit queue(int maxsize = 0) : m_maxsize(maxsize) { m_finished.set(); }

    [[nodiscard]] std::size_t qsize() const noexcept { return m_items.size(); }
    [[nodiscard]] int maxsize() const noexcept { return m_maxsize; }
    [[nodiscard]] bool empty() const noexcept { return m_items.empty(); }
    [[nodiscard]] bool full() const noexcept { return m_maxsize > 0 && int(qsize()) >= m_maxsize; }

    /// Waits while the queue is full, then puts.
    coro<> put(T item) {
        while (full()) {
            detail::waiter putter = m_putters.add("queue.put");
            if (auto error = co_await detail::await_waiter(putter)) {
                putter->cancel();
                m_putters.remove(putter);
                if (!full() && !putter->cancelled()) m_putters.wake_next();
                std::rethrow_exception(error);
            }
        }
        put_nowait(std::move(item));
    }
    /// Puts or throws queue_full.
    void put_nowait(T item) {
        if (full()) throw queue_full();
        m_items.push_back(std::move(item));
        ++m_unfinished;
        m_finished.clear();
        m_getters.wake_next();
    }
    /// Waits while the queue is empty, then takes the first item.
    coro<T> get() {
        while (empty()) {
            detail::waiter getter = m_getters.add("queue.get");
            if (auto error = co_await detail::await_waiter(getter)) {
                getter->cancel();
                m_getters.remove(getter);
                if (!empty() && !getter->cancelled()) m_getters.wake_next();
                std::rethrow_exception(error);
            }
        }
        co_return get_nowait();
    }
    /// Takes the first item or throws queue_empty.
    T get_nowait() {
        if (empty()) throw queue_empty();
        T item = std::move(m_items.front());
        m_items.pop_front();
        m_putters.wake_next();
        return item;
    }
    /// Marks one item processed; throws std::invalid_argument (ValueError) if
    /// called more times than items were put.
    void task_done() {
        if (m_unfinished <= 0) throw std::invalid_argument("task_done() called too many times");
        if (--m_unfinished == 0) m_finished.set();
    }
    /// Waits until every item put has been marked task_done(). Instruments see
    /// the task waiting on "queue.join" (Queue.join awaits an internal Event).
    coro<> join() {
        if (m_unfinished > 0) co_await m_finished.wait_as("queue.join");
    }

private:
    std::deque<T> m_items;
    detail::waiter_queue m_getters;
    detail::waiter_queue m_putters;
    event m_finished;
    int m_maxsize;
    int m_unfinished = 0;
};

}  // namespace loopscope
