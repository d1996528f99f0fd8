#pragma once
// asyncio.timeout / timeout_at (3.11): run a body with a deadline. When the
// deadline passes, the task is cancelled; the scope turns that cancellation
// into timeout_error on the way out, unless someone else also cancelled the
// task (then the cancellation propagates). Python's
//     async with asyncio.timeout(1): await body()
// is `co_await timeout(1, body())`.
#include <optional>

#include "loopscope/core/event_loop.hpp"
#include "loopscope/core/outcome.hpp"

namespace loopscope {

namespace detail {
/// asyncio.Timeout's state machine, minus the async with.
class timeout_scope {
public:
    /// __aenter__: arms the deadline for the current task.
    explicit timeout_scope(std::optional<double> when);
    timeout_scope(const timeout_scope&) = delete;
    timeout_scope& operator=(const timeout_scope&) = delete;
    ~timeout_scope();
    /// __aexit__: true when the body's `error` must become timeout_error.
    bool exit(const std::exception_ptr& error);

private:
    struct state;
    ref<ref_counted> m_state;
};
}  // namespace detail

/// Runs `body` inside the current task with an absolute deadline (loop time); nullopt: none.
template <class T>
coro<T> timeout_at(std::optional<double> when, coro<T> body) {
    detail::timeout_scope scope(when);
    std::exception_ptr error;
    std::optional<value_or_none<T>> value;
    try {
        if constexpr (std::is_void_v<T>)
            co_await std::move(body);
        else
            value.emplace(co_await std::move(body));
    } catch (...) {
        error = std::current_exception();
    }
    if (scope.exit(error)) throw timeout_error();
    if (error) std::rethrow_exception(error);
    if constexpr (!std::is_void_v<T>) co_return std::move(*value);
}

/// Runs `body` inside the current task; it is cancelled after `delay` seconds
/// and timeout_error raised. nullopt: no deadline.
template <class T>
coro<T> timeout(std::optional<double> delay, coro<T> body) {
    std::optional<double> when;
    if (delay) when = running_loop().time() + *delay;
    return timeout_at(when, std::move(body));
}

}  // namespace loopscope
