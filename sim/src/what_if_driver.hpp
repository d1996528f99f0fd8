#pragma once
// What-if: posts each cancel once the recording reaches its event, at the
// first point after it where no step is mid-way (a button press in a real
// program). How a task is cancelled is the runtime's: a scenario's task in
// C++, a program's Python task through the bridge.
#include <functional>
#include <vector>

#include "loopscope/core/event_loop.hpp"
#include "loopscope/sim/run.hpp"
#include "loopscope/sim/trace.hpp"

namespace loopscope::sim {

class what_if_driver final : public instrument {
public:
    /// `post_cancel(task)` posts the cancel to the loop (call_soon); a task already done is skipped by it.
    what_if_driver(event_loop& loop, const trace& t, std::vector<cancel_intervention> cancels,
                   std::function<void(task_id)> post_cancel);
    ~what_if_driver() override;
    what_if_driver(const what_if_driver&) = delete;
    what_if_driver& operator=(const what_if_driver&) = delete;

    // The points between handles, where posting a callback cannot disturb a step.
    void on_step_end(const step_end_info&) override { post_due(); }
    void on_callback_end(handle_id) override { post_due(); }
    void on_iteration_begin(std::uint64_t, double) override { post_due(); }

private:
    void post_due();

    event_loop& m_loop;
    const trace& m_trace;
    std::vector<cancel_intervention> m_pending;  ///< by event
    std::size_t m_next = 0;
    std::function<void(task_id)> m_post_cancel;
};

}  // namespace loopscope::sim
