#pragma once
// asyncio.wait_for (3.11): wait for an awaitable with a timeout. A waiter
// future is released either by a call_later timer or by the inner task
// finishing. On timeout the inner task is cancelled, and wait_for waits for
// that cancellation to finish before raising timeout_error.
#include <optional>

#include "loopscope/core/ensure_future.hpp"

namespace loopscope {

namespace detail {

/// _release_waiter: completes `waiter` unless it is done.
[[nodiscard]] callback release_waiter(ref<future_base> waiter, const char* name);
/// _cancel_and_wait: cancel `f` and wait until it is done (never raises its outcome).
coro<> cancel_and_wait(ref<future_base> f);

/// Cancels a timer when the scope ends (a `finally: handle.cancel()`).
struct cancel_at_exit {
    timer_handle timer;
    ~cancel_at_exit() { timer.cancel(); }
};

}  // namespace detail

/// asyncio.wait_for(aw, timeout): aw's result, or timeout_error after
/// `timeout` seconds (the inner task is then cancelled and awaited). No
/// timeout (nullopt): plain `await aw`.
template <awaitable_argument A>
auto wait_for(A aw, std::optional<double> timeout) -> coro<typename future_of_t<A>::value_type> {
    if (!timeout) co_return co_await std::move(aw);
    event_loop& loop = running_loop();
    if (*timeout <= 0) {
        auto fut = ensure_future(std::move(aw));
        if (fut->done()) co_return fut->result();
        co_await detail::cancel_and_wait(fut);
        try {
            co_return fut->result();
        } catch (const cancelled_error&) {
            throw timeout_error();
        }
    }
    auto waiter = detail::make_ref<labelled_future<void>>(loop, "wait_for");
    detail::cancel_at_exit timeout_handle{
        loop.schedule_at(loop.time() + *timeout, detail::release_waiter(waiter, "wait_for: timeout"))};
    auto fut = ensure_future(std::move(aw));
    detail::callback on_done = detail::release_waiter(waiter, "wait_for: inner done");
    const auto* on_done_target = on_done.target.get();
    fut->add_done_callback(std::move(on_done));

    std::exception_ptr cancelled;
    try {
        co_await future<void>(waiter);
    } catch (const cancelled_error&) {
        cancelled = std::current_exception();
    }
    if (fut->done()) co_return fut->result();
    fut->remove_done_callback(&detail::function_kind, on_done_target);
    co_await detail::cancel_and_wait(fut);
    if (cancelled) std::rethrow_exception(cancelled);
    try {
        co_return fut->result();
    } catch (const cancelled_error&) {
        throw timeout_error();
    }
}

}  // namespace loopscope
