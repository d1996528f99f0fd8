#include "loopscope/sim/timeline_model.hpp"

#include <algorithm>
#include <unordered_map>

#include "loopscope/sim/playback.hpp"

namespace loopscope::sim {

timeline_model::timeline_model(const trace& t) : m_trace(t) {
    m_lanes.resize(t.tasks.size());
    for (const auto& task : t.tasks) {
        const task_record* parent = t.find_task(task.parent);
        m_depth.push_back(parent ? m_depth.at(parent->id - 1) + 1 : 0);
    }
    // Arrows whose head is the woken or spawned task's next step_begin.
    std::vector<std::size_t> open_arrow(t.tasks.size(), SIZE_MAX);
    // A done callback runs on behalf of the task whose step scheduled it
    // (asyncio never wakes a waiter inline): so gather's callback, run after
    // countdown B finished, wakes main on B's behalf.
    std::unordered_map<std::uint32_t, task_id> scheduled_by;
    loop_state state;
    for (std::size_t k = 0; k < t.size(); ++k) {
        const event& e = t[k];
        if ((e.kind == event_kind::callback_scheduled || e.kind == event_kind::timer_armed) && state.running)
            scheduled_by[e.handle] = state.running;
        task_id running = state.running;
        if (!running && state.running_callback) {
            auto it = scheduled_by.find(state.running_callback);
            if (it != scheduled_by.end()) running = it->second;
        }
        state.apply(e);
        if (e.task == 0 || e.task > state.tasks.size() || e.task > m_lanes.size()) continue;
        auto position = std::uint32_t(k + 1);
        const task_view& now = state.tasks[e.task - 1];
        auto& lane = m_lanes[e.task - 1];
        if (lane.empty() || lane.back().status != now.state || lane.back().detail != now.detail) {
            if (!lane.empty()) lane.back().end = position;
            lane.push_back({position, position, now.state, now.detail});
        }
        std::size_t& pending = open_arrow[e.task - 1];
        switch (e.kind) {
            case event_kind::task_created:
                if (e.a) {
                    m_arrows.push_back({arrow_kind::spawn, e.a, e.task, position, 0});
                    pending = m_arrows.size() - 1;
                }
                break;
            case event_kind::task_scheduled:
                if (running && running != e.task && schedule_reason(e.sub) == schedule_reason::woken) {
                    m_arrows.push_back({arrow_kind::wake, running, e.task, position, 0});
                    pending = m_arrows.size() - 1;
                }
                break;
            case event_kind::step_begin:
                if (pending != SIZE_MAX) m_arrows[pending].to_position = position;
                pending = SIZE_MAX;
                break;
            case event_kind::cancel_requested:
                if (e.b()) m_arrows.push_back({arrow_kind::cancel, e.b(), e.task, position, position});
                break;
            default: break;
        }
    }
    for (auto& lane : m_lanes)
        if (!lane.empty() && !is_terminal(lane.back().status)) lane.back().end = std::uint32_t(t.size());
    // An arrow whose head never came (the run ended first) points at the end.
    for (auto& a : m_arrows)
        if (a.to_position == 0) a.to_position = std::uint32_t(t.size());
}

double timeline_model::x(std::size_t position, timeline_axis axis) const noexcept {
    if (axis == timeline_axis::time) return position == 0 ? 0.0 : m_trace.time_at(position - 1);
    const auto& its = m_trace.iterations;
    auto it = std::upper_bound(its.begin(), its.end(), position,
                               [](std::size_t p, const change<std::uint32_t>& c) { return p < c.event; });
    if (it == its.begin()) return 0.0;
    const auto& here = *std::prev(it);
    double next = it == its.end() ? double(m_trace.size() + 1) : double(it->event);
    return here.value + (double(position) - here.event) / (next - here.event);
}

std::size_t timeline_model::position_at(double value, timeline_axis axis) const noexcept {
    std::size_t lo = 0, hi = m_trace.size();
    while (lo < hi) {  // the last position with x <= value
        std::size_t mid = (lo + hi + 1) / 2;
        if (x(mid, axis) <= value)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

std::size_t timeline_model::segment_at(task_id task, std::size_t position) const {
    const auto& lane = segments(task);
    auto it = std::upper_bound(lane.begin(), lane.end(), position,
                               [](std::size_t p, const segment& s) { return p < s.begin; });
    return it == lane.begin() ? 0 : std::size_t(it - lane.begin() - 1);
}

}  // namespace loopscope::sim
