#pragma once
// asyncio.Future: a result that will exist later. Completing a future never
// runs its done callbacks inline: each one is call_soon'ed, in registration
// order, so whoever awaits it resumes in a later loop iteration.
#include <concepts>
#include <coroutine>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <string>
#include <utility>

#include "loopscope/core/detail/callback_list.hpp"
#include "loopscope/core/detail/ref_counted.hpp"
#include "loopscope/core/detail/step_protocol.hpp"
#include "loopscope/core/exceptions.hpp"

namespace loopscope {

class event_loop;

/// The type-erased state of a future (asyncio.Future without the result value).
class future_base : public detail::ref_counted {
public:
    enum class state : std::uint8_t { pending, cancelled, finished };

    explicit future_base(event_loop& loop) noexcept : m_loop(&loop) {}

    [[nodiscard]] bool done() const noexcept { return m_state != state::pending; }
    [[nodiscard]] bool cancelled() const noexcept { return m_state == state::cancelled; }
    [[nodiscard]] event_loop& loop() const noexcept { return *m_loop; }

    /// Future.cancel: false when already done; otherwise marks it cancelled,
    /// schedules the done callbacks and returns true. Tasks and gather override it.
    virtual bool cancel(std::string message = {});

    /// Future.exception(): the stored exception (null if it finished with a
    /// value). Throws cancelled_error if cancelled, invalid_state_error if pending.
    [[nodiscard]] std::exception_ptr exception();
    void set_exception(std::exception_ptr e);

    /// Future.add_done_callback: `fn` is call_soon'ed when the future is done
    /// (at once if it already is).
    void add_done_callback(std::function<void(future_base&)> fn);
    void add_done_callback(detail::callback cb);
    /// Future.remove_done_callback for an internal callback; returns how many were removed.
    std::size_t remove_done_callback(const detail::callback_kind* kind, const detail::ref_counted* target) {
        return m_callbacks.remove(kind, target);
    }

    /// What awaiting this future means, for instruments: "sleep(1)", "Task-3", "queue.get".
    [[nodiscard]] virtual std::string describe() const;

    /// The message given to cancel(), empty when none.
    [[nodiscard]] const std::string& cancel_message() const noexcept;
    /// The cancelled_error that result() raises for a cancelled future.
    [[nodiscard]] std::exception_ptr make_cancelled_error() const;

    /// result() without the value: rethrows the exception, throws
    /// cancelled_error if cancelled and invalid_state_error if pending.
    void check_result();

protected:
    /// Marks the future finished and schedules its callbacks (set_result's tail).
    void finish();
    void require_pending(const char* operation) const;
    void schedule_callbacks();
    void set_cancelled(std::string message);

    // The one-byte fields come first: they fit in ref_counted's tail padding.
    bool m_exception_retrieved = true;  // false while a set exception is unread (Python's __log_traceback)

private:
    state m_state = state::pending;
    event_loop* m_loop;
    detail::callback_list m_callbacks;
    std::unique_ptr<std::string> m_cancel_message;

protected:
    std::exception_ptr m_exception;

private:

    friend class task_base;
    friend class event_loop;
};

namespace detail {

/// Where a future's value lives. A separate base so that a future<T> handle
/// can read the value of any kind of future (plain, task, gather) of T.
template <class T>
class result_slot {
public:
    /// The value if the future finished with one (for instruments and gather).
    [[nodiscard]] const std::optional<T>& peek() const noexcept { return m_value; }

protected:
    std::optional<T> m_value;
};

template <>
class result_slot<void> {};

/// A future_base (or task_base, ...) with a result of type T.
template <class T, class Base>
class valued : public Base, public result_slot<T> {
public:
    using Base::Base;
    using value_type = T;

    /// Future.result(): the value; rethrows the stored exception; throws
    /// cancelled_error if cancelled and invalid_state_error if pending.
    [[nodiscard]] T result() {
        this->check_result();
        if constexpr (!std::is_void_v<T>) return *this->m_value;
    }
    /// Future.set_result (set_result() for void).
    template <class... V>
    void set_result(V&&... value) {
        this->require_pending("set_result");
        if constexpr (!std::is_void_v<T>) this->m_value.emplace(std::forward<V>(value)...);
        this->finish();
    }
};

}  // namespace detail

/// A future whose result is a T (void: no value).
template <class T = void>
class future_state : public detail::valued<T, future_base> {
public:
    using detail::valued<T, future_base>::valued;
};

/// A future labelled for instruments with a static description ("queue.get").
template <class T = void>
class labelled_future final : public future_state<T> {
public:
    labelled_future(event_loop& loop, const char* label) noexcept : future_state<T>(loop), m_label(label) {}
    [[nodiscard]] std::string describe() const override { return m_label; }

private:
    const char* m_label;
};

/// Awaits a future or task handle: suspends the running task until it is
/// done, then returns its result (or throws its exception / cancelled_error).
template <class Handle>
class handle_awaiter {
public:
    explicit handle_awaiter(Handle h) noexcept : m_handle(std::move(h)) {}
    [[nodiscard]] bool await_ready() const noexcept { return m_handle.done(); }
    template <class P>
    void await_suspend(std::coroutine_handle<P> h) noexcept {
        m_step = detail::step_context_of(h);
        detail::suspend_on(*m_step, m_handle.base(), h);
    }
    decltype(auto) await_resume() {
        detail::rethrow_thrown(m_step);
        return m_handle.result();
    }

private:
    Handle m_handle;
    detail::step_context* m_step = nullptr;  // set when it suspends
};

/// A handle to a future with a result of type T; copies share the future.
/// `co_await f` waits for it and returns its result.
template <class T = void>
class future {
public:
    future() = default;
    /// A handle to any future of T: a plain future_state, a gather, ...
    template <class S>
        requires std::derived_from<S, future_base> && std::derived_from<S, detail::result_slot<T>>
    explicit future(detail::ref<S> state) noexcept
        : m_state(state), m_plain(dynamic_cast<future_state<T>*>(state.get())), m_slot(state.get()) {}

    [[nodiscard]] bool done() const noexcept { return m_state->done(); }
    [[nodiscard]] bool cancelled() const noexcept { return m_state->cancelled(); }
    bool cancel(std::string message = {}) const { return m_state->cancel(std::move(message)); }
    /// Future.result(): see future_base::check_result for the errors.
    [[nodiscard]] T result() const {
        m_state->check_result();
        if constexpr (!std::is_void_v<T>) return *m_slot->peek();
    }
    [[nodiscard]] std::exception_ptr exception() const { return m_state->exception(); }
    /// Future.set_result; only for futures made by create_future.
    template <class... V>
    void set_result(V&&... value) const {
        plain().set_result(std::forward<V>(value)...);
    }
    void set_exception(std::exception_ptr e) const { m_state->set_exception(std::move(e)); }
    void add_done_callback(std::function<void(future_base&)> fn) const {
        m_state->add_done_callback(std::move(fn));
    }
    [[nodiscard]] future_base& base() const noexcept { return *m_state; }
    [[nodiscard]] const detail::ref<future_base>& base_ref() const noexcept { return m_state; }
    /// The value once finished (no checks), for gather.
    [[nodiscard]] const detail::result_slot<T>& slot() const noexcept { return *m_slot; }

    [[nodiscard]] auto operator co_await() const noexcept { return handle_awaiter<future>(*this); }

private:
    future_state<T>& plain() const {
        if (!m_plain) throw invalid_state_error("set_result: only a future made by create_future can be set");
        return *m_plain;
    }

    detail::ref<future_base> m_state;
    future_state<T>* m_plain = nullptr;
    detail::result_slot<T>* m_slot = nullptr;
};

}  // namespace loopscope
