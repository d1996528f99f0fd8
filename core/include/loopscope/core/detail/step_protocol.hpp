#pragma once
// How awaiters talk to the task step that resumed them. A step resumes the
// innermost suspended frame; an awaiter that suspends tells the running task
// what it now waits for, and the first thing every await_resume does is take
// the exception (if any) that the step throws into the coroutine, as
// Task.__step does with coro.throw(exc).
#include <coroutine>

#include "loopscope/core/source_location.hpp"

namespace loopscope {
class future_base;
}

namespace loopscope::detail {

/// The running task suspends on `f`; `h` is the frame to resume.
void suspend_on(future_base& f, std::coroutine_handle<> h) noexcept;
/// The running task yields bare (sleep(0)): its next step is call_soon'ed.
void suspend_bare(std::coroutine_handle<> h) noexcept;
/// Rethrows what the current step throws into the coroutine, if anything.
void rethrow_thrown();
/// Records where the running task is about to await (for instruments).
void note_await(const source_location& at) noexcept;

}  // namespace loopscope::detail
