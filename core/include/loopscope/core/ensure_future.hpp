#pragma once
// asyncio.ensure_future: turn an awaitable argument into the future that
// represents it. A coroutine becomes a new task (scheduled, not started);
// a task or future is used as it is.
#include <string>

#include "loopscope/core/event_loop.hpp"
#include "loopscope/core/outcome.hpp"

namespace loopscope {

namespace detail {
/// The shared state behind the value returned by ensure_future.
template <class A>
struct future_of;
template <class T>
struct future_of<coro<T>> {
    using type = task_state<T>;
};
template <class T>
struct future_of<task<T>> {
    using type = task_state<T>;
};
template <class T>
struct future_of<future<T>> {
    using type = future_state<T>;
};
template <>
struct future_of<any_task> {
    using type = task_base;
};
}  // namespace detail

/// What gather, wait_for, shield and as_completed accept: a coro, task, any_task or future.
template <class A>
concept awaitable_argument = requires { typename detail::future_of<std::remove_cvref_t<A>>::type; };

/// The state type ensure_future gives for argument type A.
template <class A>
using future_of_t = typename detail::future_of<std::remove_cvref_t<A>>::type;

template <class T>
detail::ref<task_state<T>> ensure_future(coro<T>&& c, source_location at = source_location::current()) {
    return running_loop().create_task(std::move(c), {}, at).typed_ref();
}
template <class T>
detail::ref<task_state<T>> ensure_future(const task<T>& t, source_location = source_location::current()) {
    return t.typed_ref();
}
template <class T>
detail::ref<future_state<T>> ensure_future(const future<T>& f, source_location = source_location::current()) {
    return f.state_ref();
}
inline detail::ref<task_base> ensure_future(const any_task& t, source_location = source_location::current()) {
    return t.state_ref();
}

/// The value a finished future of state type S holds, none for void and erased tasks.
template <class S>
auto value_of(S& state) {
    if constexpr (requires { state.peek(); })
        return *state.peek();
    else
        return none{};
}

/// The value type of value_of(S&).
template <class S>
using value_of_t = decltype(value_of(std::declval<S&>()));

}  // namespace loopscope
