#pragma once
// asyncio.shield: protect an awaitable from the cancellation of its awaiter.
// Cancelling the returned future does not cancel the inner task, which keeps
// running; cancelling the inner task cancels the outer future.
#include "loopscope/core/ensure_future.hpp"

namespace loopscope {

namespace detail {
/// Links inner to outer as shield's _inner_done_callback and
/// _outer_done_callback do; `copy_result` sets outer's value from inner's.
void shield_link(ref<future_base> inner, ref<future_base> outer, void (*copy_result)(future_base&, future_base&));
}  // namespace detail

/// asyncio.shield(aw): a future that completes like aw unless it is itself cancelled.
template <awaitable_argument A>
[[nodiscard]] auto shield(A&& aw) {
    using state = future_of_t<A>;
    using T = typename state::value_type;
    auto inner = ensure_future(std::forward<A>(aw));
    if (inner->done()) return future<T>(inner);
    future<T> outer = running_loop().template create_future<T>();
    detail::shield_link(inner, outer.base_ref(), [](future_base& from, future_base& to) {
        auto& source = static_cast<state&>(from);
        auto& target = static_cast<future_state<T>&>(to);
        if constexpr (std::is_void_v<T>)
            target.set_result();
        else
            target.set_result(source.result());
    });
    return outer;
}

}  // namespace loopscope
