#pragma once
// Async generators: `async def gen(): ... yield x` is
// `async_generator<T> gen() { ... co_yield x; }`, and
// `async for x in gen(): use(x)` is
// `auto g = gen(); while (auto x = co_await g.next()) use(*x);`.
// Each next() runs the generator inside the awaiting task until its next
// co_yield (no trip through the loop unless the body awaits), like __anext__.
#include <coroutine>
#include <optional>
#include <utility>

#include "loopscope/core/coro.hpp"

namespace loopscope {

template <class T>
class [[nodiscard]] async_generator {
public:
    class promise_type : public detail::coro_promise_base {
    public:
        using detail::coro_promise_base::coro_promise_base;

        async_generator get_return_object(source_location at = source_location::current()) noexcept {
            set_origin(at);
            return async_generator(std::coroutine_handle<promise_type>::from_promise(*this));
        }
        /// co_yield: hand the value to the consumer and return to it.
        auto yield_value(T value) {
            m_value.emplace(std::move(value));
            return final_awaiter{};
        }
        void return_void() noexcept {}

        std::optional<T> m_value;
    };
    using handle_type = std::coroutine_handle<promise_type>;

    async_generator(async_generator&& o) noexcept : m_handle(std::exchange(o.m_handle, {})) {}
    async_generator& operator=(async_generator&&) = delete;
    /// An unfinished generator is closed by destroying its frame (its locals'
    /// destructors run; unlike Python's aclose(), no await can happen there).
    ~async_generator() {
        if (m_handle) m_handle.destroy();
    }

    struct next_awaiter {
        handle_type handle;
        [[nodiscard]] bool await_ready() const noexcept { return handle.done(); }
        template <class P>
        std::coroutine_handle<> await_suspend(std::coroutine_handle<P> consumer) const noexcept {
            auto& promise = handle.promise();
            promise.m_continuation = consumer;
            promise.set_step(detail::step_context_of(consumer));
            promise.m_value.reset();
            return handle;
        }
        /// The next value, or nullopt once the generator returned; rethrows its exception.
        std::optional<T> await_resume() const {
            auto& p = handle.promise();
            if (p.exception()) std::rethrow_exception(p.exception());
            if (handle.done()) return std::nullopt;
            return std::move(p.m_value);
        }
    };
    /// __anext__: the next value, or nullopt when exhausted (StopAsyncIteration).
    next_awaiter next() noexcept { return {m_handle}; }

private:
    explicit async_generator(handle_type h) noexcept : m_handle(h) {}
    handle_type m_handle;
};

}  // namespace loopscope
