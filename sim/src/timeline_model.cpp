#include "loopscope/sim/timeline_model.hpp"

#include <algorithm>
#include <unordered_map>

#include "loopscope/sim/playback.hpp"

namespace loopscope::sim {

std::string_view to_string(timeline_axis axis) noexcept {
    switch (axis) {
        case timeline_axis::steps: return "steps";
        case timeline_axis::time: return "time";
        case timeline_axis::iterations: return "iterations";
    }
    return "steps";
}

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
    lay_out_steps();
}

// Why the steps axis looks the way it does. On the time axis everything one
// instant runs is drawn at one x, so gather(countdown(3), countdown(2)) shows
// A and B at the same place and the lesson (they take turns) is invisible; on
// the iterations axis the turns show but the seconds do not. The steps axis
// keeps the seconds and opens every instant up into what ran in it:
//  - a task step (step_begin..step_end) or a callback (callback_begin..
//    callback_end) is step_width wide, however many events it holds, shared
//    out evenly over its events so that a print inside a step sits inside its
//    slice; the running segment of the step is exactly that slice;
//  - each loop iteration adds iteration_width, so the hand-off through the
//    ready queue between two iterations shows as a gap;
//  - every change of the clock adds its seconds times units_per_second().
// units_per_second() is the trace's step units divided by its seconds: time
// jumps then take as much of the axis as the steps, for a 94-event lesson and
// for a million-event trace alike, so neither the waiting nor the interleaving
// is squeezed into a sliver. (A fixed units-per-second would let a long sleep
// in a short trace, or many steps in one instant, crowd the other out.)
void timeline_model::lay_out_steps() {
    const trace& t = m_trace;
    const std::size_t n = t.size();
    // m_steps_x[k + 1] first holds event k's width; a prefix sum makes them positions.
    m_steps_x.assign(n + 1, 0.0);
    double step_units = 0;
    std::size_t open = SIZE_MAX;  // the step_begin / callback_begin of the span that is open
    auto share_out = [&](std::size_t begin, std::size_t last) {
        double each = step_width / double(last - begin);
        for (std::size_t k = begin + 1; k <= last; ++k) m_steps_x[k + 1] += each;
        step_units += step_width;
    };
    for (std::size_t k = 0; k < n; ++k) {
        switch (t[k].kind) {
            case event_kind::step_begin:
            case event_kind::callback_begin:
                if (open != SIZE_MAX && k > open + 1) share_out(open, k - 1);  // a span never closed: malformed trace
                open = k;
                break;
            case event_kind::step_end:
            case event_kind::callback_end:
                if (open != SIZE_MAX) share_out(open, k);
                open = SIZE_MAX;
                break;
            case event_kind::iteration_begin:
                m_steps_x[k + 1] += iteration_width;
                step_units += iteration_width;
                break;
            default: break;
        }
    }
    if (open != SIZE_MAX && open + 1 < n) share_out(open, n - 1);  // the run stopped inside a step
    const double seconds = t.times.back().value - t.times.front().value;
    m_units_per_second = seconds > 0 && step_units > 0 ? step_units / seconds : 1.0;
    for (std::size_t i = 1; i < t.times.size(); ++i) {
        const auto& c = t.times[i];
        double dt = c.value - t.times[i - 1].value;
        if (c.event < n && dt > 0) m_steps_x[c.event + 1] += dt * m_units_per_second;
    }
    for (std::size_t k = 1; k <= n; ++k) m_steps_x[k] += m_steps_x[k - 1];

    // Instants: positions from the change's event on are at its time (position 0 at the first time).
    m_instants.clear();
    for (std::size_t i = 0; i < t.times.size(); ++i) {
        const auto& c = t.times[i];
        std::size_t begin = i == 0 ? 0 : std::min<std::size_t>(c.event + 1, n);
        std::size_t end = i + 1 < t.times.size() ? std::min<std::size_t>(t.times[i + 1].event, n) : n;
        if (!m_instants.empty() && m_instants.back().time == c.value) {
            m_instants.back().x_end = m_steps_x[std::max(begin, end)];
            continue;
        }
        m_instants.push_back({c.value, std::uint32_t(begin), m_steps_x[begin], m_steps_x[std::max(begin, end)]});
    }
}

double timeline_model::x_at_time(double seconds, timeline_axis axis) const noexcept {
    switch (axis) {
        case timeline_axis::time: return seconds;
        case timeline_axis::iterations: {
            if (seconds <= 0) return 0;
            std::size_t first = m_trace.first_event_at_time(seconds);
            return x(first == m_trace.size() ? first : first + 1, axis);
        }
        case timeline_axis::steps: break;
    }
    if (m_instants.empty()) return 0;
    auto it = std::lower_bound(m_instants.begin(), m_instants.end(), seconds,
                               [](const instant& i, double s) { return i.time < s; });
    if (it == m_instants.begin()) return it->x;
    if (it == m_instants.end()) return m_instants.back().x_end;
    if (it->time == seconds) return it->x;
    const instant& before = *std::prev(it);
    // Inside the jump from `before` to `it`: the clock moves linearly across it.
    return before.x_end + (seconds - before.time) / (it->time - before.time) * (it->x - before.x_end);
}

double timeline_model::x(std::size_t position, timeline_axis axis) const noexcept {
    if (axis == timeline_axis::steps) return m_steps_x[std::min(position, m_steps_x.size() - 1)];
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
    if (axis == timeline_axis::steps) {  // the last position with x <= value
        auto it = std::upper_bound(m_steps_x.begin(), m_steps_x.end(), value);
        return it == m_steps_x.begin() ? 0 : std::size_t(it - m_steps_x.begin()) - 1;
    }
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
