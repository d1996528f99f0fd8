#pragma once
// Running a scenario and recording its trace, with optional what-if changes.
#include <cstddef>
#include <vector>

#include "loopscope/sim/recorder.hpp"
#include "loopscope/sim/scenario.hpp"
#include "loopscope/sim/trace.hpp"

namespace loopscope::sim {

/// What-if: cancel a task once the original run reached an event. The cancel
/// is posted to the loop (call_soon) at the first point after event
/// `at_event` where no step is mid-way, as a button press in a real program
/// would be; it shows up in the trace as a callback named "what-if: cancel Task-3".
struct cancel_intervention {
    std::size_t at_event = 0;
    task_id task = 0;
};

struct run_options {
    parameter_values parameters;  ///< all of them; see parameter_values(std::span)
    run_budget budget;
    std::vector<cancel_intervention> cancels;
};

/// Runs `s` like `asyncio.run(main(**parameters))` on a virtual clock and
/// returns the trace. Budgets end the run early (trace.stopped_early says
/// why); a deadlock or an uncaught exception ends it with an `error` event.
[[nodiscard]] trace run_scenario(const scenario& s, const run_options& options);

/// Python's `TypeName: message` for an exception escaping a scenario
/// ("ValueError: bad input", "CancelledError: ").
[[nodiscard]] std::string python_exception(const std::exception_ptr& e);

}  // namespace loopscope::sim
