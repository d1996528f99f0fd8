#pragma once
// What the pieces of the bridge share inside the child process: the options
// of the run and the few Python objects the C++ side calls.
#include "loopscope/python/program.hpp"
#include "py_ref.hpp"

namespace loopscope::python {

/// One per process (the interpreter is too).
struct bridge_state {
    const program_options* options = nullptr;
    py_ref handle_type;        ///< asyncio.events.Handle
    py_ref timer_handle_type;  ///< asyncio.events.TimerHandle
    py_ref task_type;          ///< asyncio.Task
    py_ref world;              ///< the loopscope_world module (print, why a run was stopped)
    py_ref observe;            ///< the loopscope_observe module (what a task waits on, where)
};

[[nodiscard]] bridge_state& bridge() noexcept;

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
