#pragma once
// Tells the core loop which of a Python program's callbacks are steps of
// which asyncio.Task, so instruments see Python tasks as the loop's own.
// Used only while the loop is observed (a trace is being recorded).
//
// Every step of a C Task is one handle whose callback's __self__ is the task
// (TaskStepMethWrapper for a first step or a bare yield, task_wakeup after
// the awaited future completed). Tasks are known by a weak reference: the
// observer must not keep a task alive.
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "loopscope/core/event_loop.hpp"
#include "object_registry.hpp"
#include "py_ref.hpp"
#include "suspension.hpp"

namespace loopscope::python {

class task_observer {
public:
    explicit task_observer(event_loop& loop);

    /// A step about to be scheduled: which task, why, and what woke it.
    struct step {
        task_id id;
        schedule_reason why;
        std::string cause;
        py_ref task;
    };
    /// The step `callback` is, or nullopt for a plain callback. Registers a task seen for the first time.
    [[nodiscard]] std::optional<step> classify(PyObject* callback);
    /// A wakeup `s` with `future` (what the task awaited) reports a cancellation when the future was
    /// cancelled: Task.cancel() cancels what the task waits on, from the task (or callback) now running.
    void report_cancel(const step& s, PyObject* future);
    /// Brackets a step: output meanwhile belongs to `id`; the end reports what the task waits on.
    void begin(task_id id);
    void end(PyObject* task, task_id id);
    /// After a plain callback ran: reports the objects it changed.
    void callback_ended() { m_objects.refresh(0); }
    /// "Task-1 waits on gather(2); Task-2 waits on event.wait" for the tasks not done, in id order.
    [[nodiscard]] std::string describe_waits();
    /// The Python task the trace knows as `id`, while it is alive (else empty).
    [[nodiscard]] py_ref task_object(task_id id);
    /// The task whose step is running (0: none).
    [[nodiscard]] task_id current() const noexcept { return m_current; }
    /// How instruments name a plain callback.
    [[nodiscard]] std::string callback_label(PyObject* callback);
    /// How instruments name a timer due at `when` ("timer: sleep(1)"; others by their callback).
    [[nodiscard]] std::string timer_label(PyObject* callback, double when);
    /// A location whose strings live as long as the observer.
    [[nodiscard]] source_location location(const std::string& file, const std::string& function, std::uint32_t line);
    [[nodiscard]] event_loop& loop() noexcept { return m_loop; }

private:
    struct known_task {
        py_ref weak;  ///< a weak reference: dead when the address was reused by another object
        task_id id = 0;
        std::string waiting;  ///< what its last step ended waiting on
        std::string name;     ///< its name when last seen (set_name is reported at the next step's end)
        py_ref name_object;   ///< the str get_name() returned then
        bool started = false; ///< its first step ran
    };
    known_task* find(PyObject* task);
    /// The task whose step runs or just ran (alive: its step holds it), without a lookup by address.
    known_task* by_id(task_id id) noexcept { return id < m_by_id.size() ? m_by_id[id] : nullptr; }

    event_loop& m_loop;
    std::unordered_map<PyObject*, known_task> m_tasks;
    std::vector<known_task*> m_by_id;  ///< into m_tasks (its nodes stay put); null once forgotten
    std::unordered_set<std::string> m_texts;  ///< node-based: c_str() stays valid
    object_registry m_objects;
    suspension_reader m_reader{m_texts, m_objects};
    suspension_reader::suspension m_suspension;  ///< the last step end's, reused
    task_id m_current = 0;
};

}  // namespace loopscope::python
