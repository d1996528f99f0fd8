#pragma once
// The recorder: an instrument that appends every hook call to a trace.
#include <cstddef>
#include <limits>
#include <vector>

#include "loopscope/core/event_loop.hpp"
#include "loopscope/sim/trace.hpp"

namespace loopscope::sim {

/// Limits that keep a runaway program from running forever or filling memory.
struct run_budget {
    std::size_t max_events = 2'000'000;
    double max_time = std::numeric_limits<double>::infinity();  ///< virtual seconds
};

/// Attach to a loop to record it: `recorder r(loop, t); loop.run(main());`.
/// When a budget is exhausted the recorder stops recording and asks the loop
/// to stop; over_budget() then says why in words.
class recorder final : public instrument {
public:
    recorder(event_loop& loop, trace& into, run_budget budget = {});
    ~recorder() override;
    recorder(const recorder&) = delete;
    recorder& operator=(const recorder&) = delete;

    /// Why recording stopped early ("event budget of 2000000 reached"), empty when it did not.
    [[nodiscard]] const std::string& over_budget() const noexcept { return m_trace.stopped_early; }

    void on_task_created(const task_created_info& info) override;
    void on_task_renamed(task_id task, std::string_view name) override;
    void on_task_scheduled(const task_scheduled_info& info) override;
    void on_callback_scheduled(handle_id handle, std::string_view what) override;
    void on_handle_skipped(handle_id handle) override;
    void on_callback_begin(handle_id handle, std::string_view what) override;
    void on_callback_end(handle_id handle) override;
    void on_step_begin(task_id task, handle_id handle) override;
    void on_step_end(const step_end_info& info) override;
    void on_object_state(const object_state_info& info) override;
    void on_cancel_requested(task_id task, task_id by, std::string_view message) override;
    void on_iteration_begin(std::uint64_t iteration, double time) override;
    void on_iteration_end(std::uint64_t iteration) override;
    void on_clock_advanced(double from, double to, bool blocking) override;
    void on_timer_armed(const timer_info& info) override;
    void on_timer_fired(handle_id handle) override;
    void on_timer_cancelled(handle_id handle) override;
    void on_output(task_id task, std::string_view text, const source_location& at) override;
    void on_never_awaited(std::string_view coroutine, const source_location& created_at) override;
    void on_deadlock(std::string_view waits) override;
    void on_error(task_id task, std::string_view message) override;

private:
    /// False once a budget is exhausted: the event is dropped.
    bool admit() {
        if (m_trace.size() < m_room) [[likely]]
            return true;
        return admit_past_budget();
    }
    bool admit_past_budget();
    void add(event_kind kind, task_id task, std::uint64_t handle = 0, std::uint32_t a = 0, std::uint32_t b = 0,
             std::uint8_t sub = 0);
    void stop(std::string why);

    event_loop& m_loop;
    trace& m_trace;
    run_budget m_budget;
    std::size_t m_room;  ///< events that may still be recorded: max_events, or 0 once stopped
    std::vector<location_id> m_suspended_at;  ///< per task: the user's co_await it last suspended at
};

}  // namespace loopscope::sim
