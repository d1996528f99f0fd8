#pragma once
// asyncio.sleep. sleep(0) (or less) yields bare: the task goes to the back of
// the ready queue and runs again next iteration. sleep(d) arms a call_later(d)
// timer that resolves a future the task waits on; the timer is cancelled when
// the sleep ends early (cancellation).
#include <chrono>
#include <coroutine>
#include <type_traits>

#include "loopscope/core/future.hpp"
#include "loopscope/core/handle.hpp"

namespace loopscope {

namespace detail {
/// The future a sleep waits on; describes itself as "sleep(1)".
class sleep_future final : public future_state<void> {
public:
    sleep_future(event_loop& loop, double delay) noexcept : future_state<void>(loop), m_delay(delay) {}
    [[nodiscard]] std::string describe() const override;

private:
    double m_delay;
};
}  // namespace detail

/// The awaitable returned by sleep().
class [[nodiscard]] sleep_awaiter {
public:
    explicit sleep_awaiter(double seconds) noexcept : m_delay(seconds) {}
    [[nodiscard]] bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> h);
    void await_resume();

private:
    double m_delay;
    detail::ref<detail::sleep_future> m_future;
    timer_handle m_timer;
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
