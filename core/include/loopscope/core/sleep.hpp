#pragma once
// asyncio.sleep. sleep(0) (or less) yields bare: the task goes to the back of
// the ready queue and runs again next iteration. sleep(d) arms a call_later(d)
// timer that resolves a future the task waits on; the timer is cancelled when
// the sleep ends early (cancellation).
//
// The awaiter holds plain pointers, so that it costs nothing to copy or
// destroy (a coroutine frame may hold it twice). The future it waits on is
// owned meanwhile by the task (its waiter), by the timer's callback, and,
// during the step that resumes the task, by that step's ready-queue entry.
#include <chrono>
#include <coroutine>
#include <type_traits>

#include "loopscope/core/future.hpp"
#include "loopscope/core/handle.hpp"

namespace loopscope {

namespace detail {
/// The future a sleep waits on; describes itself as "sleep(1)". It holds
/// its timer until the timer runs or is cancelled.
class sleep_future final : public future_state<void> {
public:
    sleep_future(event_loop& loop, double delay) noexcept : future_state<void>(loop), m_delay(delay) {}
    [[nodiscard]] std::string describe() const override;

    /// Arms the timer that resolves this future in `delay` seconds.
    void start_timer();
    /// The timer ran: this future no longer holds it.
    void on_timer_ran() noexcept { m_timer = {}; }
    /// The `finally: h.cancel()` of asyncio.sleep.
    void cancel_timer();

private:
    double m_delay;
    timer_handle m_timer;
};
}  // namespace detail

/// The awaitable returned by sleep().
class [[nodiscard]] sleep_awaiter {
public:
    explicit sleep_awaiter(double seconds) noexcept : m_delay(seconds) {}
    [[nodiscard]] bool await_ready() const noexcept { return false; }
    template <class P>
    void await_suspend(std::coroutine_handle<P> h) {
        m_step = detail::step_context_of(h);
        if (m_delay <= 0)
            detail::suspend_bare(*m_step, h);
        else
            start_timer(h);
    }
    void await_resume() {
        if (m_future) m_future->cancel_timer();
        detail::rethrow_thrown(m_step);
        if (m_future) m_future->result();
    }

private:
    /// sleep(d > 0): the task waits on a future that a timer resolves.
    void start_timer(std::coroutine_handle<> h);

    double m_delay;
    detail::step_context* m_step = nullptr;
    detail::sleep_future* m_future = nullptr;  // see the top of this file for who owns it
};

/// asyncio.sleep(seconds). A template so that sleep(1) picks this over POSIX ::sleep(unsigned).
template <class Seconds>
    requires std::is_arithmetic_v<Seconds>
[[nodiscard]] sleep_awaiter sleep(Seconds seconds) noexcept {
    return sleep_awaiter(static_cast<double>(seconds));
}

/// asyncio.sleep with a std::chrono duration: sleep(1s), sleep(250ms).
template <class Rep, class Period>
[[nodiscard]] sleep_awaiter sleep(std::chrono::duration<Rep, Period> d) noexcept {
    return sleep_awaiter(std::chrono::duration<double>(d).count());
}

}  // namespace loopscope
