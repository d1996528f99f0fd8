#pragma once
// coro<T>: the C++ spelling of `async def`. Calling a coro function creates a
// suspended coroutine object that does nothing until it is awaited or wrapped
// in a task, exactly like a Python coroutine object. `co_await f()` runs f
// inside the current task (Python's `await f()`): no new task, no trip through
// the loop; control passes by symmetric transfer.
#include <coroutine>
#include <cstddef>
#include <exception>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "loopscope/core/detail/block_pool.hpp"
#include "loopscope/core/detail/coroutine_label.hpp"
#include "loopscope/core/detail/step_protocol.hpp"
#include "loopscope/core/source_location.hpp"

namespace loopscope {

template <class T>
class coro;

namespace detail {

/// A coroutine object went out of scope without ever running.
void report_never_awaited(const coroutine_label& label) noexcept;

/// What every Loopscope coroutine promise shares: its continuation (the
/// awaiting frame, null at the top of a task), the step context of the loop
/// it runs on, its exception, and its label.
class coro_promise_base {
public:
    template <class... Args>
    explicit coro_promise_base(const Args&... args) : m_label(describe_call(args...)) {}

    // Frames are created and destroyed at a high rate: recycle their memory.
    static void* operator new(std::size_t size) { return allocate_block(size); }
    static void operator delete(void* p, std::size_t size) noexcept { free_block(p, size); }

    struct initial_awaiter {
        coro_promise_base& promise;
        [[nodiscard]] bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<>) const noexcept {}
        void await_resume() const {
            promise.m_started = true;
            rethrow_thrown(promise.m_step);  // a task cancelled before its first step throws here
        }
    };
    struct final_awaiter {
        [[nodiscard]] bool await_ready() const noexcept { return false; }
        template <class P>
        std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) const noexcept {
            auto next = h.promise().m_continuation;
            return next ? next : std::noop_coroutine();
        }
        void await_resume() const noexcept {}
    };

    initial_awaiter initial_suspend() noexcept { return {*this}; }
    final_awaiter final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept { m_exception = std::current_exception(); }

    /// Every co_await in a Loopscope coroutine passes here first, so the
    /// suspension's source line is known without the user writing anything.
    template <class A>
    A&& await_transform(A&& awaitable, source_location at = source_location::current()) noexcept {
        if (m_step && !m_runtime) m_step->await_at = at;
        return std::forward<A>(awaitable);
    }

    /// The step context of the loop this coroutine runs on; null until it is
    /// awaited or made a task.
    [[nodiscard]] step_context* step() const noexcept { return m_step; }
    void set_step(step_context* step) noexcept { m_step = step; }

    /// Called with the coroutine's definition: its name for labels and, while
    /// observed, whether it is one of the runtime's own coroutines.
    void set_origin(const source_location& definition) noexcept {
        m_label.function = definition.function;
        if (g_observers.load(std::memory_order_relaxed)) m_runtime = is_runtime_source(definition.file);
    }
    [[nodiscard]] const coroutine_label& label() const noexcept { return m_label; }
    [[nodiscard]] bool started() const noexcept { return m_started; }
    [[nodiscard]] const std::exception_ptr& exception() const noexcept { return m_exception; }

    std::coroutine_handle<> m_continuation;

protected:
    std::exception_ptr m_exception;

private:
    step_context* m_step = nullptr;
    coroutine_label m_label;
    bool m_started = false;
    bool m_runtime = false;  ///< a coroutine of core/: its awaits are not the user's suspension points
};

template <class T>
class coro_promise final : public coro_promise_base {
public:
    using coro_promise_base::coro_promise_base;
    coro<T> get_return_object(source_location at = source_location::current()) noexcept;
    template <class V>
    void return_value(V&& value) {
        m_value.emplace(std::forward<V>(value));
    }
    /// The coroutine's value, or its exception rethrown.
    T take_result() {
        if (m_exception) std::rethrow_exception(m_exception);
        return std::move(*m_value);
    }

private:
    std::optional<T> m_value;
};

template <>
class coro_promise<void> final : public coro_promise_base {
public:
    using coro_promise_base::coro_promise_base;
    coro<void> get_return_object(source_location at = source_location::current()) noexcept;
    void return_void() noexcept {}
    void take_result() const {
        if (m_exception) std::rethrow_exception(m_exception);
    }
};

}  // namespace detail

/// A coroutine returning T. Move-only; owns its frame. Await it once
/// (`co_await f()`), or hand it to create_task / gather / wait_for.
template <class T = void>
class [[nodiscard]] coro {
public:
    using promise_type = detail::coro_promise<T>;
    using handle_type = std::coroutine_handle<promise_type>;
    using value_type = T;

    coro() noexcept = default;
    explicit coro(handle_type h) noexcept : m_handle(h) {}
    coro(coro&& o) noexcept : m_handle(std::exchange(o.m_handle, {})) {}
    coro& operator=(coro&& o) noexcept {
        if (this != &o) {
            destroy();
            m_handle = std::exchange(o.m_handle, {});
        }
        return *this;
    }
    ~coro() { destroy(); }

    /// The frame, released: its new owner (a task) destroys it.
    [[nodiscard]] handle_type release() noexcept { return std::exchange(m_handle, {}); }
    [[nodiscard]] const detail::coroutine_label& label() const noexcept { return m_handle.promise().label(); }

    struct awaiter {
        handle_type handle;
        [[nodiscard]] bool await_ready() const noexcept { return false; }
        template <class P>
        std::coroutine_handle<> await_suspend(std::coroutine_handle<P> caller) const noexcept {
            auto& promise = handle.promise();
            promise.m_continuation = caller;
            promise.set_step(detail::step_context_of(caller));
            return handle;
        }
        T await_resume() const { return handle.promise().take_result(); }
    };
    /// Runs the coroutine inside the awaiting task; returns its value or rethrows.
    awaiter operator co_await() && noexcept { return {m_handle}; }

private:
    void destroy() noexcept {
        if (!m_handle) return;
        if (!m_handle.promise().started()) detail::report_never_awaited(m_handle.promise().label());
        std::exchange(m_handle, {}).destroy();
    }

    handle_type m_handle;
};

template <class T>
coro<T> detail::coro_promise<T>::get_return_object(source_location at) noexcept {
    set_origin(at);
    return coro<T>(coro<T>::handle_type::from_promise(*this));
}

inline coro<void> detail::coro_promise<void>::get_return_object(source_location at) noexcept {
    set_origin(at);
    return coro<void>(coro<void>::handle_type::from_promise(*this));
}

}  // namespace loopscope
