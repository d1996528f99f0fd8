#pragma once
// What the pieces of the bridge share inside the child process: the options
// of the run and the few Python objects the C++ side calls.
#include <string>

#include "loopscope/python/program.hpp"
#include "py_ref.hpp"

namespace loopscope::python {

/// The attribute and method names the per-step paths use, interned once:
/// PyObject_GetAttrString and PyObject_CallMethod would build and hash them
/// from C strings on every call.
struct interned_names {
    py_ref cancelled_flag;  ///< "_cancelled" (Handle)
    py_ref run;             ///< "_run" (Handle)
    py_ref scheduled;       ///< "_scheduled" (TimerHandle)
    py_ref self;            ///< "__self__" (a task's step callback)
    py_ref self_name;       ///< "self" (a method's first parameter)
    py_ref cr_frame, cr_await, gi_frame, gi_yieldfrom;
    py_ref get_coro, get_name, done, cancelled;  ///< Task and Future methods
    py_ref fut_waiter;      ///< "_fut_waiter" (Task)
    py_ref children;        ///< "_children" (gather's future)
    py_ref cancel_message;  ///< "_cancel_message" (Future)
    /// The state of asyncio's objects (object_registry): Queue, Lock, Event, Semaphore, Condition, Future.
    py_ref queue, maxsize, locked, value, bound_value, lock, state, result, exception;
};

/// One per process (the interpreter is too).
struct bridge_state {
    interned_names names;
    const program_options* options = nullptr;
    py_ref handle_type;        ///< asyncio.events.Handle
    py_ref timer_handle_type;  ///< asyncio.events.TimerHandle
    py_ref task_type;          ///< asyncio.Task
    py_ref sleep_callback;     ///< asyncio.futures._set_result_unless_cancelled: a sleep's timer
    py_ref world;              ///< the loopscope_world module (print, why a run was stopped)
    py_ref observe;            ///< the loopscope_observe module (what a task waits on, where)
};

[[nodiscard]] bridge_state& bridge() noexcept;

/// Calls method `name` of `object` without arguments; null with a Python error.
[[nodiscard]] inline py_ref call_method(PyObject* object, const py_ref& name) {
    return py_ref::steal(PyObject_CallMethodNoArgs(object, name.get()));
}

/// The text of a str, or "" for anything else (no error is left set).
[[nodiscard]] inline std::string text_of(PyObject* s) {
    Py_ssize_t size = 0;
    const char* p = s && PyUnicode_Check(s) ? PyUnicode_AsUTF8AndSize(s, &size) : nullptr;
    if (!p) {
        PyErr_Clear();
        return {};
    }
    return std::string(p, std::size_t(size));
}

/// Attribute `name` of `object`, or empty when it has none (no error is left set).
[[nodiscard]] inline py_ref attribute(PyObject* object, const py_ref& name) {
    py_ref value = py_ref::steal(PyObject_GetAttr(object, name.get()));
    if (!value) PyErr_Clear();
    return value;
}

/// Every printed line goes here (for instruments) before it is written;
/// `at` is the program's line that printed it.
void report_output(std::string_view text, const char* file, const char* function, std::uint32_t line);

/// Loopscope stops the run: loopscope_world.<report>(*args) says why (a
/// deadlock logs `DEADLOCK` as the reference harness does), the trace so far
/// is saved, and the process ends with `status` at once (asyncio.run's
/// cleanup must not run more of the program). Does not return.
[[noreturn]] void stop_run(const char* report, PyObject* args, int status);

/// The `_loopscope` extension module (registered before Py_Initialize).
PyObject* init_loopscope_module();

}  // namespace loopscope::python
