#pragma once
// asyncio.Task: a coroutine scheduled on the loop, advanced one step at a
// time. A step resumes the coroutine until it suspends on a future (the task
// then waits, with its wake-up registered as that future's done callback),
// yields bare (its next step is call_soon'ed), returns, or throws. A
// cancel() either cancels the future the task waits on or arranges for the
// next step to throw cancelled_error at the await, as Task.cancel does.
#include <coroutine>
#include <memory>
#include <string>

#include "loopscope/core/coro.hpp"
#include "loopscope/core/future.hpp"
#include "loopscope/core/instrument.hpp"

namespace loopscope {

/// The type-erased state of a task.
class task_base : public future_base {
public:
    task_base(event_loop& loop, std::coroutine_handle<> frame, detail::coro_promise_base& promise);
    ~task_base() override;

    /// The task's number in its loop, from 1 (Task-1 is the first task created).
    [[nodiscard]] task_id id() const noexcept { return m_id; }
    /// Task.get_name(): "Task-<id>" unless set_name was called.
    [[nodiscard]] std::string name() const;
    void set_name(std::string name);
    /// The coroutine the task runs: "countdown(3)" (arguments when observed).
    [[nodiscard]] std::string coroutine() const;
    [[nodiscard]] task_id parent() const noexcept { return m_parent; }

    /// Task.cancel(msg): false if done. Otherwise true, and the task will see
    /// cancelled_error at its await (or before its body if it never started).
    bool cancel(std::string message = {}) override;
    /// Task.cancelling(): the number of pending cancellation requests.
    [[nodiscard]] int cancelling() const noexcept { return m_cancel_requests; }
    /// Task.uncancel(): decrements cancelling(); returns the new count.
    int uncancel() noexcept;

    /// What the task waits on right now, or null.
    [[nodiscard]] future_base* waiting_on() const noexcept { return m_waiter.get(); }
    [[nodiscard]] std::string describe() const override { return name(); }
    /// The result as text for instruments ("3", "None", "<value>").
    [[nodiscard]] virtual std::string describe_result() const = 0;

    // [SECTION] driven by the loop
    /// Task.__step: run the coroutine until it suspends or ends. `thrown` is
    /// raised inside the coroutine at its await. The caller holds a reference
    /// to the task (completing drops the loop's).
    void step(std::exception_ptr thrown);
    /// Task.__wakeup: the awaited future is done; step with its outcome.
    void wakeup(future_base& awaited);
    /// Destroys the coroutine frame and drops the done callbacks of a task that
    /// never finished (loop teardown).
    void abandon() noexcept;

    static const detail::callback_kind step_kind;
    static const detail::callback_kind wakeup_kind;

protected:
    /// The top frame returned: store its value (set_result).
    virtual void set_result_from_frame() = 0;
    /// The promise of the top frame (which must not be destroyed yet).
    [[nodiscard]] virtual detail::coro_promise_base& frame_promise() const noexcept = 0;
    std::coroutine_handle<> m_frame;  // owned; destroyed as soon as the coroutine ends

private:
    /// The step suspended on `awaited`: wake up when it is done.
    void wait_on(future_base& awaited);
    /// The top frame ended: finish the task with its outcome and destroy the frame.
    void complete();
    /// Destroys the finished frame and drops the loop's reference.
    void release_frame() noexcept;
    /// on_step_end, when an instrument is attached; `detail` as in step_end_info.
    void end_step(step_outcome outcome, std::string_view detail = {}) const;
    /// on_step_end, unconditionally (the cold half of end_step).
    void report_step_end(step_outcome outcome, std::string_view detail) const;
    /// Schedules a step that raises `error` in the coroutine.
    void schedule_error(std::exception_ptr error);

    std::coroutine_handle<> m_resume;  // the innermost suspended frame
    detail::ref<future_base> m_waiter;  // Task._fut_waiter
    std::unique_ptr<std::string> m_name;
    task_id m_id;
    task_id m_parent;
    int m_cancel_requests = 0;
    bool m_must_cancel = false;
    bool m_forwarding_cancel = false;  // cancel() is passing itself on to m_waiter
    // The loop's registry of live tasks, in creation order.
    task_base* m_prev = nullptr;
    task_base* m_next = nullptr;

    friend class event_loop;
};

/// The state of a task whose coroutine returns T.
template <class T>
class task_state final : public detail::valued<T, task_base> {
public:
    using frame_handle = typename coro<T>::handle_type;

    /// Takes ownership of the frame (see coro::release).
    task_state(event_loop& loop, frame_handle frame) : detail::valued<T, task_base>(loop, frame, frame.promise()) {}

    [[nodiscard]] std::string describe_result() const override {
        if constexpr (std::is_void_v<T>) {
            return "None";
        } else if constexpr (detail::has_repr<T>) {
            std::string s;
            if (this->peek()) detail::append_repr(s, *this->peek());
            return s;
        } else {
            return "<value>";
        }
    }

private:
    [[nodiscard]] typename coro<T>::promise_type& typed_promise() const noexcept {
        return frame_handle::from_address(this->m_frame.address()).promise();
    }
    void set_result_from_frame() override {
        if constexpr (std::is_void_v<T>) {
            this->set_result();
        } else {
            this->set_result(typed_promise().take_result());
        }
    }
    [[nodiscard]] detail::coro_promise_base& frame_promise() const noexcept override { return typed_promise(); }
};

/// A type-erased handle to a task (any result type). Copies share the task.
class any_task {
public:
    any_task() = default;
    explicit any_task(detail::ref<task_base> t) noexcept : m_task(std::move(t)) {}

    [[nodiscard]] task_id id() const noexcept { return m_task->id(); }
    [[nodiscard]] std::string get_name() const { return m_task->name(); }
    void set_name(std::string name) const { m_task->set_name(std::move(name)); }
    [[nodiscard]] bool done() const noexcept { return m_task->done(); }
    [[nodiscard]] bool cancelled() const noexcept { return m_task->cancelled(); }
    bool cancel(std::string message = {}) const { return m_task->cancel(std::move(message)); }
    [[nodiscard]] int cancelling() const noexcept { return m_task->cancelling(); }
    int uncancel() const noexcept { return m_task->uncancel(); }
    /// Task.exception(): null, or the exception; throws while pending or when cancelled.
    [[nodiscard]] std::exception_ptr exception() const { return m_task->exception(); }
    /// Task.result() with the value discarded: throws what result() would.
    void result() const { m_task->check_result(); }
    void add_done_callback(std::function<void(future_base&)> fn) const { m_task->add_done_callback(std::move(fn)); }
    [[nodiscard]] task_base& state() const noexcept { return *m_task; }
    [[nodiscard]] future_base& base() const noexcept { return *m_task; }
    [[nodiscard]] const detail::ref<task_base>& state_ref() const noexcept { return m_task; }
    explicit operator bool() const noexcept { return bool(m_task); }
    friend bool operator==(const any_task& a, const any_task& b) noexcept { return a.m_task == b.m_task; }

    /// Waits for the task; rethrows its exception; discards its value.
    [[nodiscard]] auto operator co_await() const noexcept { return handle_awaiter<any_task>(*this); }

protected:
    detail::ref<task_base> m_task;
};

/// A handle to a task whose coroutine returns T: `co_await t` waits for it
/// and returns its result.
template <class T = void>
class task : public any_task {
public:
    task() = default;
    explicit task(detail::ref<task_state<T>> t) noexcept : any_task(t), m_typed(t.get()) {}

    /// Task.result(): the value; the exception if it failed; cancelled_error
    /// if cancelled; invalid_state_error while pending.
    [[nodiscard]] T result() const { return m_typed->result(); }
    [[nodiscard]] detail::ref<task_state<T>> typed_ref() const noexcept { return detail::ref<task_state<T>>(m_typed); }

    [[nodiscard]] auto operator co_await() const noexcept { return handle_awaiter<task>(*this); }

private:
    task_state<T>* m_typed = nullptr;  // the same object as m_task
};


}  // namespace loopscope
