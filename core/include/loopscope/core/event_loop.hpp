#pragma once
// The event loop: asyncio's BaseEventLoop._run_once, reproduced step for step.
//
// [SECTION] running    run, run_until_complete, run_forever, run_once, stop
// [SECTION] scheduling call_soon, call_later, call_at, time, create_task
// [SECTION] observing  instruments, exception handler, output
// [SECTION] foreign    tasks of another runtime (CPython's asyncio) that this loop runs
// [SECTION] internals  what futures, tasks and awaiters call
//
// One iteration (run_once):
//   1. drop cancelled timers from the head of the heap (or rebuild the heap
//      when more than 100 timers are scheduled and over half are cancelled);
//   2. poll the clock: timeout 0 if anything is ready, else until the earliest
//      timer; no timer and nothing ready means every task waits forever;
//   3. move every timer due before now + resolution to the back of the ready
//      queue, in heap-pop order;
//   4. run exactly the handles that were ready when step 3 ended, FIFO,
//      skipping cancelled ones; what they schedule runs next iteration.
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "loopscope/core/clock.hpp"
#include "loopscope/core/coro.hpp"
#include "loopscope/core/detail/ring_queue.hpp"
#include "loopscope/core/detail/timer_heap.hpp"
#include "loopscope/core/future.hpp"
#include "loopscope/core/handle.hpp"
#include "loopscope/core/instrument.hpp"
#include "loopscope/core/task.hpp"

namespace loopscope {

/// What the loop's exception handler receives (loop.call_exception_handler's context).
struct loop_error {
    std::string message;           ///< "Task exception was never retrieved", ...
    task_id task = 0;              ///< the task concerned, 0 when none
    std::exception_ptr exception;  ///< may be null
};

/// An asyncio event loop on an injected clock. Single-threaded: use it from one thread.
class event_loop {
public:
    /// A loop on a virtual clock starting at 0.
    event_loop();
    explicit event_loop(std::unique_ptr<clock> c);
    event_loop(const event_loop&) = delete;
    event_loop& operator=(const event_loop&) = delete;
    /// Cancels the tasks still pending, runs the loop until they finish (a
    /// bounded number of iterations), then destroys whatever frames remain.
    ~event_loop();

    // [SECTION] running

    /// asyncio.run: runs `main` as a task until it completes, then cancels
    /// the tasks left and runs them to completion. Returns main's value or
    /// rethrows its exception.
    template <class T>
    T run(coro<T> main, source_location at = source_location::current());

    /// Runs until the task (or future) is done; returns its result.
    template <class T>
    T run_until_complete(const task<T>& t);
    template <class T>
    T run_until_complete(const future<T>& f);

    /// Runs iterations until stop() is called.
    void run_forever();
    /// One iteration, exactly as described at the top of this file. Throws
    /// deadlock_error when nothing is ready, no timer is pending and the clock
    /// cannot wait forever. True when stop() was called meanwhile (a run_forever
    /// would return): a loop driven from outside (CPython's) learns it here.
    bool run_once();
    /// loop.stop(): the current run_forever / run_until_complete returns after
    /// the current iteration.
    void stop() noexcept { m_stopping = true; }
    [[nodiscard]] bool is_running() const noexcept { return m_running; }

    // [SECTION] scheduling

    /// loop.time(): the clock's now.
    [[nodiscard]] double time() const { return m_clock->now(); }
    /// call_soon: runs fn in the next iteration, after what is already ready.
    handle call_soon(std::function<void()> fn);
    /// call_later: runs fn `delay` seconds from now.
    timer_handle call_later(double delay, std::function<void()> fn);
    /// call_at: runs fn when time() reaches `when`.
    timer_handle call_at(double when, std::function<void()> fn);

    /// create_task: the coroutine's first step is scheduled (call_soon); its
    /// body has not started when this returns.
    template <class T>
    task<T> create_task(coro<T> c, std::string name = {}, source_location at = source_location::current());
    /// loop.create_future()
    template <class T = void>
    [[nodiscard]] future<T> create_future() {
        return future<T>(detail::make_ref<future_state<T>>(*this));
    }

    /// The task whose step is running, or an empty handle.
    [[nodiscard]] any_task current_task() const;
    /// Tasks that are not done, in creation order.
    [[nodiscard]] std::vector<any_task> all_tasks() const;
    /// Loop iterations started so far.
    [[nodiscard]] std::uint64_t iteration() const noexcept { return m_iteration; }

    /// A blocking call inside a step (Python's time.sleep): the clock moves,
    /// nothing else runs.
    void block(double seconds);

    // [SECTION] observing

    /// Attaches an instrument; it is called at every event until detached.
    void attach(instrument& i);
    void detach(instrument& i) noexcept;
    /// Replaces the default handler (which writes to stderr).
    void set_exception_handler(std::function<void(const loop_error&)> handler);
    /// loop.call_exception_handler: reports to instruments and the handler.
    void call_exception_handler(const loop_error& e) noexcept;
    /// Where out() writes. The default writes each line to stdout.
    void set_output(std::function<void(std::string_view line)> sink);
    /// Writes a line printed by the running task.
    void print(std::string_view text, const source_location& at);

    // [SECTION] foreign
    //
    // A task the loop did not create (an asyncio.Task of a Python program run
    // on this loop) is a chain of plain callbacks to the loop. These calls let
    // its runtime say which callback is which task's step, so that instruments
    // see foreign tasks exactly as the loop's own: created, scheduled (why, by
    // what), step begin, step end (outcome, what it waits on, where).

    /// Registers a foreign task and reports on_task_created; returns its id,
    /// the loop's next task number. `parent` is the task that created it (0: none).
    task_id add_foreign_task(std::string_view name, std::string_view coroutine, task_id parent,
                             const source_location& created_at);
    /// call_soon for one step of foreign task `task`: instruments see
    /// on_task_scheduled(why, cause) now and on_step_begin when it runs (no
    /// callback events); `fn` runs the step and reports its end with foreign_step_end.
    handle call_soon_step(task_id task, schedule_reason why, std::string_view cause, std::function<void()> fn);
    /// Reports the end of a foreign task's step.
    void foreign_step_end(const step_end_info& info) {
        if (observed()) notify<&instrument::on_step_end>(info);
    }
    /// Reports that foreign task `task` is being cancelled by task `by` (0: a callback).
    void foreign_cancel_requested(task_id task, task_id by, std::string_view message) {
        if (observed()) notify<&instrument::on_cancel_requested>(task, by, message);
    }
    /// Reports a line printed while foreign task `task` (0: none) ran; writes nothing.
    void foreign_output(task_id task, std::string_view text, const source_location& at) {
        if (observed()) notify<&instrument::on_output>(task, text, at);
    }
    /// Who waits on what among the foreign tasks ("Task-2 waits on event.wait"),
    /// for a deadlock's report; the loop lists its own tasks first.
    void set_foreign_waits(std::function<std::string()> describe) { m_foreign_waits = std::move(describe); }
    /// call_soon / call_at of a callback that instruments name `what`
    /// ("sleep(1) → Task-2") rather than "callback".
    handle call_soon(std::function<void()> fn, std::string what);
    timer_handle call_at(double when, std::function<void()> fn, std::string what);

    // [SECTION] internals (for futures, tasks and awaiters)

    /// Appends a callback to the ready queue (no handle: cannot be cancelled);
    /// it will receive `arg`, the future that scheduled it (or null).
    void schedule(detail::callback cb, future_base* arg = nullptr);
    /// Arms a timer for an internal callback.
    timer_handle schedule_at(double when, detail::callback cb);
    /// Appends a task's next step (or its wake-up by `cause`) to the ready queue.
    void schedule_task_step(task_base& t, schedule_reason why, future_base* cause) {
        const auto* kind = why == schedule_reason::woken ? &task_base::wakeup_kind : &task_base::step_kind;
        const handle_id id = push_ready({kind, &t}, cause);
        if (observed()) [[unlikely]]
            notify_task_scheduled(t, id, why, cause);
    }
    /// Appends a step of `t` that runs `step` instead (a step that raises an error).
    void schedule_task_step(task_base& t, schedule_reason why, detail::callback step);
    void on_timer_cancelled(detail::handle_state& h) noexcept;

    /// True when some instrument is attached: hooks are worth their arguments.
    [[nodiscard]] bool observed() const noexcept { return !m_instruments.empty(); }
    /// Calls `Hook` on every instrument; one that throws is detached and reported.
    template <auto Hook, class... Args>
    void notify(const Args&... args) noexcept;

    /// Per-step protocol between a task and its awaiters (see detail/step_protocol.hpp).
    [[nodiscard]] detail::step_context& step() noexcept { return m_step; }
    [[nodiscard]] task_id next_task_id() noexcept { return ++m_task_count; }
    void register_task(task_base& t) noexcept;
    void unregister_task(task_base& t) noexcept;

private:
    /// An entry of the ready queue: plain pointers, so that the queue moves
    /// entries by copying them. The entry owns one reference to `target` and
    /// one to `arg`, each when not null, taken by push_ready and dropped by
    /// release_entry. A cancellable handle (call_soon, a due timer) is an
    /// entry of kind handle_kind on the handle's state.
    struct ready_entry {
        const detail::callback_kind* kind;
        detail::ref_counted* target;
        future_base* arg;
        handle_id id;
    };
    struct timer_less {
        bool operator()(const detail::ref<detail::handle_state>& a,
                        const detail::ref<detail::handle_state>& b) const noexcept {
            return a->m_when < b->m_when;
        }
    };

    void iterate();  // run_once's body, on a loop already running
    handle_id push_ready(detail::callback cb, future_base* arg) {
        const handle_id id = ++m_handle_count;
        push_ready(std::move(cb), arg, id);
        return id;
    }
    void push_ready(detail::callback cb, future_base* arg, handle_id id) {
        if (arg) arg->add_ref();
        m_ready.push_back(ready_entry{cb.kind, cb.target.detach(), arg, id});
    }
    static void release_entry(const ready_entry& entry) noexcept {
        if (entry.target) entry.target->release();
        if (entry.arg) entry.arg->release();
    }
    void notify_task_scheduled(const task_base& t, handle_id id, schedule_reason why, const future_base* cause);
    void run_ready_entry(const ready_entry& entry);
    void detach_failed(instrument* i, std::exception_ptr e) noexcept;
    [[nodiscard]] std::string describe_waits() const;
    void cancel_remaining_tasks();
    void run_until_done(future_base& f);

    std::unique_ptr<clock> m_clock;
    detail::ring_queue<ready_entry> m_ready;
    detail::timer_heap<detail::ref<detail::handle_state>, timer_less> m_timers;
    std::size_t m_cancelled_timers = 0;
    detail::step_context m_step;
    std::vector<instrument*> m_instruments;
    std::function<void(const loop_error&)> m_exception_handler;
    std::function<void(std::string_view)> m_output;
    std::function<std::string()> m_foreign_waits;
    task_base* m_first_task = nullptr;
    task_base* m_last_task = nullptr;
    std::uint64_t m_iteration = 0;
    handle_id m_handle_count = 0;
    task_id m_task_count = 0;
    bool m_stopping = false;
    bool m_running = false;
    event_loop* m_previous_running = nullptr;

    friend class task_base;
    friend struct running_scope;
};

/// The loop running on this thread (asyncio.get_running_loop()). Throws
/// std::logic_error when none is.
[[nodiscard]] event_loop& running_loop();
/// The running loop, or null.
[[nodiscard]] event_loop* running_loop_or_null() noexcept;

/// asyncio.create_task on the running loop.
template <class T>
task<T> create_task(coro<T> c, std::string name = {}, source_location at = source_location::current()) {
    return running_loop().create_task(std::move(c), std::move(name), at);
}
/// asyncio.current_task(): empty when called outside a task.
[[nodiscard]] any_task current_task();
/// asyncio.all_tasks(): the running loop's tasks that are not done.
[[nodiscard]] std::vector<any_task> all_tasks();

// ---------------------------------------------------------------------------
// Template definitions.

template <auto Hook, class... Args>
void event_loop::notify(const Args&... args) noexcept {
    // By index: a failing instrument is detached (erased) mid-way.
    for (std::size_t i = 0; i < m_instruments.size(); ++i) {
        instrument* inst = m_instruments[i];
        try {
            (inst->*Hook)(args...);
        } catch (...) {
            detach_failed(inst, std::current_exception());
            --i;
        }
    }
}

template <class T>
task<T> event_loop::create_task(coro<T> c, std::string name, source_location at) {
    auto state = detail::make_ref<task_state<T>>(*this, c.release());
    if (!name.empty()) state->set_name(std::move(name));
    if (observed()) {
        std::string n = state->name(), co = state->coroutine();
        notify<&instrument::on_task_created>(task_created_info{state->id(), state->parent(), n, co, at});
    }
    schedule_task_step(*state, schedule_reason::first_step, nullptr);
    return task<T>(std::move(state));
}

template <class T>
T event_loop::run_until_complete(const task<T>& t) {
    run_until_done(t.state());
    return t.result();
}

template <class T>
T event_loop::run_until_complete(const future<T>& f) {
    run_until_done(f.base());
    return f.result();
}

template <class T>
T event_loop::run(coro<T> main, source_location at) {
    task<T> t = create_task(std::move(main), {}, at);
    try {
        run_until_done(t.state());
    } catch (...) {
        cancel_remaining_tasks();
        throw;
    }
    cancel_remaining_tasks();
    return t.result();
}

}  // namespace loopscope
