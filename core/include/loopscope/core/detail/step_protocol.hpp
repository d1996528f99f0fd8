#pragma once
// How awaiters talk to the task step that resumed them. A step resumes the
// innermost suspended frame; an awaiter that suspends tells the step what the
// task now waits for, and the first thing every await_resume does is take the
// exception (if any) that the step throws into the coroutine, as Task.__step
// does with coro.throw(exc).
//
// Each loop has one step_context. Every Loopscope coroutine frame points at
// its loop's (see coro_promise_base), so an awaiter finds it through the
// coroutine handle it suspends: one load, no thread-local lookup.
#include <concepts>
#include <coroutine>
#include <exception>
#include <utility>

#include "loopscope/core/source_location.hpp"

namespace loopscope {
class future_base;
class task_base;
}  // namespace loopscope

namespace loopscope::detail {

class coro_promise_base;

/// What a task step and the awaiters it resumes share.
struct step_context {
    task_base* task = nullptr;       ///< the task whose step is running, or null
    future_base* awaited = nullptr;  ///< set by suspend_on
    bool yielded = false;            ///< set by suspend_bare
    std::coroutine_handle<> resume;  ///< the frame that suspended
    std::exception_ptr thrown;       ///< to raise at the await that resumes
    source_location await_at;        ///< the last co_await evaluated, for instruments
};

/// The running loop's step context, or null when no loop runs on this thread.
[[nodiscard]] step_context* running_step_context() noexcept;

/// The step context of the coroutine that suspends: its frame knows it when
/// it is a Loopscope coroutine; any other kind asks the running loop.
template <class P>
[[nodiscard]] step_context* step_context_of(std::coroutine_handle<P> h) noexcept {
    if constexpr (std::derived_from<P, coro_promise_base>)
        return h.promise().step();
    else
        return running_step_context();
}

/// The running task suspends on `f`; `h` is the frame to resume.
inline void suspend_on(step_context& step, future_base& f, std::coroutine_handle<> h) noexcept {
    step.awaited = &f;
    step.resume = h;
}

/// The running task yields bare (sleep(0)): its next step is call_soon'ed.
inline void suspend_bare(step_context& step, std::coroutine_handle<> h) noexcept {
    step.yielded = true;
    step.resume = h;
}

/// Rethrows what the current step throws into the coroutine, if anything.
/// `step` is null when the awaiter did not suspend (nothing can be thrown).
inline void rethrow_thrown(step_context* step) {
    if (step && step->thrown) [[unlikely]]
        std::rethrow_exception(std::exchange(step->thrown, nullptr));
}

}  // namespace loopscope::detail
