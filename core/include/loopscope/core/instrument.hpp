#pragma once
// Observing the loop. An instrument receives a call at every scheduling
// decision, in the spirit of Trio's Instrument. Every hook is a no-op by
// default; override the ones you need. Hooks run synchronously inside the
// loop, in the order the events happen. A hook that throws is detached from
// the loop and reported through the loop's exception handler.
#include <cstdint>
#include <span>
#include <string_view>

#include "loopscope/core/source_location.hpp"

namespace loopscope {

/// A task's number within its loop: Task-1 is the first task created. 0 means
/// "no task" (the loop itself, or a plain callback).
using task_id = std::uint32_t;
/// A number for each entry of the ready queue or the timer heap, unique per loop.
using handle_id = std::uint64_t;

/// Why a task's next step entered the ready queue.
enum class schedule_reason : std::uint8_t {
    first_step,   ///< create_task: the body has not started
    yielded,      ///< the task yielded bare (sleep(0)) and goes to the back of the queue
    woken,        ///< the future it awaited completed (or was cancelled)
    retry_error,  ///< the task awaited itself; its next step receives the error
};

/// How a step ended.
enum class step_outcome : std::uint8_t {
    waiting,    ///< suspended on a future (`awaiting` names it)
    yielded,    ///< bare yield: runs again next iteration
    done,       ///< returned
    failed,     ///< raised an exception
    cancelled,  ///< raised cancelled_error
};

[[nodiscard]] std::string_view to_string(schedule_reason r) noexcept;
[[nodiscard]] std::string_view to_string(step_outcome o) noexcept;

struct task_created_info {
    task_id task;
    task_id parent;               ///< the task that was running, 0 when none
    std::string_view name;        ///< "Task-3" or the name given
    std::string_view coroutine;   ///< "countdown(3)"
    source_location created_at;   ///< the create_task / gather call
};

struct task_scheduled_info {
    task_id task;
    handle_id handle;
    schedule_reason reason;
    std::string_view cause;  ///< what woke it ("sleep(1)", "Task-3", "gather(2)"), empty otherwise
};

/// One frame of a suspended task's await chain: a coroutine and the line it awaits at.
/// A local variable of a suspended frame, its value as text ("n", "3").
struct frame_local {
    std::string_view name;
    std::string_view value;
};

struct await_frame {
    std::string_view function;  ///< "countdown", "Queue.get"
    source_location at;
    std::span<const frame_local> locals = {};  ///< the program's own frames' (foreign tasks)
};

struct step_end_info {
    task_id task;
    step_outcome outcome;
    std::string_view awaiting;     ///< waiting: what the task waits on ("sleep(1)", "queue.get")
    std::string_view detail;       ///< done: the result; failed/cancelled: the exception
    source_location suspended_at;  ///< waiting/yielded: the co_await that suspended
    /// waiting/yielded: the task's coroutine first, down to the innermost frame
    /// (reported for foreign tasks; empty for the loop's own).
    std::span<const await_frame> await_chain = {};
    /// waiting: the number of the object (see object_state_info) it waits on; 0: none known.
    std::uint32_t waits_on = 0;
};

/// What kind of synchronisation object an object_state_info describes (the rarest last: trace
/// files store the kinds below 7 in an event's compact form).
enum class object_kind : std::uint8_t { queue, lock, event, semaphore, condition, task, gather, future };
[[nodiscard]] std::string_view to_string(object_kind k) noexcept;

/// The state of a program's synchronisation object (a foreign loop's: asyncio's Queue, Lock, ...),
/// reported when it is first seen and whenever its state changes, before the step end of the step
/// that changed it.
struct object_state_info {
    std::uint32_t object;    ///< its number: 1 for the first object seen, 2 for the next, ...
    object_kind kind;
    std::string_view label;  ///< "Queue q" (the name it was first seen under), "gather #3"
    std::string_view state;  ///< "2 items: [1, 2]", "set", "locked"; empty: it no longer exists
    task_id holder;          ///< a lock's owner (when known), a task object's own task; 0: none
};

struct timer_info {
    handle_id handle;
    double when;            ///< loop time it is due
    std::string_view what;  ///< "sleep(1) → Task-2", "wait_for timeout", ...
};

/// Override what you need. All hooks are called on the loop's thread.
class instrument {
public:
    virtual ~instrument() = default;

    virtual void on_task_created(const task_created_info&) {}
    virtual void on_task_renamed(task_id, std::string_view /*name*/) {}
    virtual void on_task_scheduled(const task_scheduled_info&) {}
    virtual void on_callback_scheduled(handle_id, std::string_view /*what*/) {}
    /// A ready-queue entry was popped but had been cancelled: it does not run.
    virtual void on_handle_skipped(handle_id) {}
    virtual void on_callback_begin(handle_id, std::string_view /*what*/) {}
    virtual void on_callback_end(handle_id) {}
    virtual void on_step_begin(task_id, handle_id) {}
    virtual void on_step_end(const step_end_info&) {}
    virtual void on_object_state(const object_state_info&) {}
    /// cancel() was called on a task that was not done; `by` is the running task (0: none).
    virtual void on_cancel_requested(task_id /*task*/, task_id /*by*/, std::string_view /*message*/) {}
    virtual void on_iteration_begin(std::uint64_t /*iteration*/, double /*time*/) {}
    virtual void on_iteration_end(std::uint64_t /*iteration*/) {}
    /// Time moved. `blocking` is true when a step blocked the loop (time.sleep).
    virtual void on_clock_advanced(double /*from*/, double /*to*/, bool /*blocking*/) {}
    virtual void on_timer_armed(const timer_info&) {}
    /// Due: the timer moved from the heap to the back of the ready queue.
    virtual void on_timer_fired(handle_id) {}
    virtual void on_timer_cancelled(handle_id) {}
    /// A line printed through out(); `task` is the running task (0: none).
    virtual void on_output(task_id, std::string_view /*text*/, const source_location&) {}
    /// A coroutine object was destroyed without ever being awaited or made a task.
    virtual void on_never_awaited(std::string_view /*coroutine*/, const source_location& /*created_at*/) {}
    /// Every task waits and nothing can wake them; `waits` says who waits on what.
    virtual void on_deadlock(std::string_view /*waits*/) {}
    /// Something the loop's exception handler reported (callback raised,
    /// exception never retrieved, instrument detached, ...).
    virtual void on_error(task_id, std::string_view /*message*/) {}
};

}  // namespace loopscope
