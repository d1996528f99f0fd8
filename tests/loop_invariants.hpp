#pragma once
// The event loop's invariants, checked on a recorded trace by replaying it
// with loop_state (for the property tests):
//   - a task's step is in the ready queue at most once;
//   - a waiting task waits on exactly one thing: its detail names it, and no
//     step of it is in the ready queue at the same time;
//   - a task that has ended is never scheduled or stepped again;
//   - the loop's iteration and the virtual time never go backwards.
#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "loopscope/sim/playback.hpp"

namespace loopscope::sim {

class invariant_checker {
public:
    explicit invariant_checker(const trace& t) : m_trace(t) {}

    /// The first event after which the trace breaks an invariant, in words; "" when it keeps them all.
    [[nodiscard]] std::string first_break() {
        for (std::size_t k = 0; k < m_trace.size(); ++k) {
            const event& e = m_trace[k];
            auto broken = check_before(e);
            if (!broken) {
                m_state.apply(e);
                broken = check_after(k);
            }
            if (broken) return fmt::format("event {} ({}): {}", k, to_string(e.kind), *broken);
        }
        return "";
    }

private:
    [[nodiscard]] std::optional<std::string> check_before(const event& e) const {
        bool schedules_or_steps = e.kind == event_kind::task_scheduled || e.kind == event_kind::step_begin;
        if (schedules_or_steps && e.task >= 1 && e.task <= m_state.tasks.size() &&
            is_terminal(m_state.tasks[e.task - 1].state))
            return fmt::format("{} already ended {}", m_trace.task_label(e.task),
                               to_string(m_state.tasks[e.task - 1].state));
        return std::nullopt;
    }

    [[nodiscard]] std::optional<std::string> check_after(std::size_t k) const {
        std::vector<int> steps_ready(m_state.tasks.size() + 1, 0);
        for (const loop_handle& h : m_state.ready)
            if (h.task != 0 && h.task < steps_ready.size() && ++steps_ready[h.task] > 1)
                return fmt::format("{} is in the ready queue twice", m_trace.task_label(h.task));
        for (std::size_t i = 0; i < m_state.tasks.size(); ++i) {
            const task_view& task = m_state.tasks[i];
            if (task.state != task_status::waiting) continue;
            auto id = task_id(i + 1);
            if (task.detail == 0) return fmt::format("{} waits on nothing named", m_trace.task_label(id));
            if (steps_ready[id] > 0)
                return fmt::format("{} waits on {} and is in the ready queue too", m_trace.task_label(id),
                                   m_trace.strings[task.detail]);
        }
        if (k > 0 && m_trace.time_at(k) < m_trace.time_at(k - 1))
            return fmt::format("time went back from {} to {}", m_trace.time_at(k - 1), m_trace.time_at(k));
        if (k > 0 && m_trace.iteration_at(k) < m_trace.iteration_at(k - 1))
            return fmt::format("iteration went back from {} to {}", m_trace.iteration_at(k - 1),
                               m_trace.iteration_at(k));
        return std::nullopt;
    }

    const trace& m_trace;
    loop_state m_state;
};

/// invariant_checker(t).first_break(): "" when `t` keeps every invariant.
[[nodiscard]] inline std::string first_invariant_break(const trace& t) { return invariant_checker(t).first_break(); }

}  // namespace loopscope::sim
