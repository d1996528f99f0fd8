#pragma once
// `_loopscope.CoreLoop`: the hot half of the program's asyncio event loop, a
// C type over core::event_loop. The cold half is a Python class
// (py/loopscope_loop.py) that mixes it with asyncio.AbstractEventLoop.
#include "loopscope/core/event_loop.hpp"
#include "py_ref.hpp"

namespace loopscope::python {

/// The CoreLoop type object, ready; null with a Python error on failure.
PyTypeObject* core_loop_type();

class task_observer;

/// The core loop of the loop running now (the innermost), or null.
[[nodiscard]] event_loop* running_core_loop() noexcept;
/// Its task observer when a trace is being recorded, or null.
[[nodiscard]] task_observer* running_observer() noexcept;

}  // namespace loopscope::python
