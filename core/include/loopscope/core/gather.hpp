#pragma once
// asyncio.gather: run awaitables concurrently and collect their results in
// argument order. Coroutines are wrapped in tasks in argument order
// (scheduled, not started). Without return_exceptions the first exception (or
// cancelled child) completes the gather at once and the other children keep
// running; cancelling the gather cancels every child.
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "loopscope/core/ensure_future.hpp"
#include "loopscope/core/outcome.hpp"

namespace loopscope {

/// Tag: gather(return_exceptions, ...) puts exceptions in the results.
struct return_exceptions_t {
    explicit return_exceptions_t() = default;
};
inline constexpr return_exceptions_t return_exceptions{};

namespace detail {

/// _GatheringFuture and gather's _done_callback, independent of result types.
class gathering_base : public future_base {
public:
    gathering_base(event_loop& loop, bool return_exceptions) noexcept
        : future_base(loop), m_return_exceptions(return_exceptions) {}

    /// Cancels every child that is not done; true if any was.
    bool cancel(std::string message = {}) override;
    [[nodiscard]] std::string describe() const override;

protected:
    /// Adds a child; a child given twice counts once, as in gather.
    void add_child(ref<future_base> child);
    /// Every child is done and none failed (or return_exceptions): set_result.
    virtual void set_collected_result() = 0;

    std::vector<ref<future_base>> m_children;

private:
    static void on_child_done(ref_counted* self, future_base* child);
    static const callback_kind child_done_kind;

    std::size_t m_unique = 0;
    std::size_t m_finished = 0;
    bool m_return_exceptions;
    bool m_cancel_requested = false;
};

/// A child's contribution to the result list: its value, or (with
/// return_exceptions) its outcome.
template <class S, bool ReturnExceptions>
auto collect_child(S& child) {
    using value = value_of_t<S>;
    if constexpr (ReturnExceptions) {
        if (child.cancelled()) return outcome<value>(std::make_exception_ptr(cancelled_error(child.cancel_message())));
        if (auto e = child.exception()) return outcome<value>(e);
        return outcome<value>(value_of(child));
    } else {
        return value_of(child);
    }
}

template <bool ReturnExceptions, class... S>
using tuple_result_t = std::tuple<decltype(collect_child<S, ReturnExceptions>(std::declval<S&>()))...>;

/// gather over a fixed list of children of (possibly) different types.
template <bool ReturnExceptions, class... S>
class tuple_gathering final : public valued<tuple_result_t<ReturnExceptions, S...>, gathering_base> {
    using base = valued<tuple_result_t<ReturnExceptions, S...>, gathering_base>;

public:
    tuple_gathering(event_loop& loop, std::tuple<ref<S>...> children) : base(loop, ReturnExceptions) {
        std::apply([this](auto&... c) { (this->add_child(ref<future_base>(c)), ...); }, children);
    }

private:
    void set_collected_result() override { set_from(std::index_sequence_for<S...>{}); }
    template <std::size_t... I>
    void set_from(std::index_sequence<I...>) {
        this->set_result(tuple_result_t<ReturnExceptions, S...>(
            collect_child<S, ReturnExceptions>(static_cast<S&>(*this->m_children[I]))...));
    }
};

/// gather over a range of children of one type.
template <bool ReturnExceptions, class S>
class vector_gathering final
    : public valued<std::vector<decltype(collect_child<S, ReturnExceptions>(std::declval<S&>()))>, gathering_base> {
    using element = decltype(collect_child<S, ReturnExceptions>(std::declval<S&>()));
    using base = valued<std::vector<element>, gathering_base>;

public:
    vector_gathering(event_loop& loop, std::vector<ref<S>> children) : base(loop, ReturnExceptions) {
        for (auto& c : children) this->add_child(ref<future_base>(c));
    }

private:
    void set_collected_result() override {
        std::vector<element> results;
        results.reserve(this->m_children.size());
        for (auto& c : this->m_children) results.push_back(collect_child<S, ReturnExceptions>(static_cast<S&>(*c)));
        this->set_result(std::move(results));
    }
};

template <bool ReturnExceptions, class... A>
auto gather_tuple(A&&... aws) {
    event_loop& loop = running_loop();
    using state = tuple_gathering<ReturnExceptions, future_of_t<A>...>;
    // A braced list is evaluated left to right: tasks are created in argument order.
    auto g = make_ref<state>(loop, std::tuple<ref<future_of_t<A>>...>{ensure_future(std::forward<A>(aws))...});
    if constexpr (sizeof...(A) == 0) g->set_result();
    return future<typename state::value_type>(g);
}

template <bool ReturnExceptions, class A>
auto gather_vector(std::vector<A> aws) {
    // Like asyncio, the loop is the children's when none is running.
    event_loop* running = running_loop_or_null();
    using state = vector_gathering<ReturnExceptions, future_of_t<A>>;
    std::vector<ref<future_of_t<A>>> children;
    children.reserve(aws.size());
    for (auto& a : aws) children.push_back(ensure_future(std::move(a)));
    event_loop& loop = running ? *running : children.empty() ? running_loop() : children.front()->loop();
    auto g = make_ref<state>(loop, std::move(children));
    if (aws.empty()) g->set_result();
    return future<typename state::value_type>(g);
}

}  // namespace detail

/// gather(a, b, ...): a future of std::tuple of the results in argument
/// order (none for void). The first exception propagates to the awaiter.
template <awaitable_argument... A>
[[nodiscard]] auto gather(A&&... aws) {
    return detail::gather_tuple<false>(std::forward<A>(aws)...);
}

/// gather(return_exceptions, a, b, ...): a tuple of outcome<T>; exceptions
/// and cancellations become results instead of propagating.
template <awaitable_argument... A>
[[nodiscard]] auto gather(return_exceptions_t, A&&... aws) {
    return detail::gather_tuple<true>(std::forward<A>(aws)...);
}

/// gather(*aws) over a vector: a future of std::vector of the results.
template <awaitable_argument A>
[[nodiscard]] auto gather(std::vector<A> aws) {
    return detail::gather_vector<false>(std::move(aws));
}

/// gather(*aws, return_exceptions=True) over a vector: a vector of outcome<T>.
template <awaitable_argument A>
[[nodiscard]] auto gather(return_exceptions_t, std::vector<A> aws) {
    return detail::gather_vector<true>(std::move(aws));
}

}  // namespace loopscope
