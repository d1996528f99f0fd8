#pragma once
// Timers as the timeline draws them: armed by a task's await (sleep, a
// timeout), due some time later, and the step they woke. The timeline puts
// each on the lane of the task that armed it, from arming to due, and draws
// the wake-up arrow from the due end, where the cause is.
#include <cstdint>
#include <vector>

#include "loopscope/sim/trace.hpp"

namespace loopscope::sim {

struct timer_span {
    std::uint32_t handle = 0;
    task_id armed_by = 0;           ///< the task whose step armed it (0: a callback)
    string_id what = 0;             ///< "sleep(1)"
    std::uint32_t armed_at = 0;     ///< position after the timer_armed event
    std::uint32_t ended_at = 0;     ///< position after it fired or was cancelled (trace size: still armed)
    double due = 0;                 ///< virtual time it is due
    bool cancelled = false;
    task_id woke = 0;               ///< the task its callback scheduled (0: none)
    std::uint32_t woke_step = 0;    ///< position after that task's next step_begin (0: it never ran again)
};

/// Every timer of the trace, in arming order.
[[nodiscard]] std::vector<timer_span> timer_spans(const trace& t);

}  // namespace loopscope::sim
