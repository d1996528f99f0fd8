#include "loopscope/sim/timer_spans.hpp"

#include <unordered_map>

namespace loopscope::sim {

std::vector<timer_span> timer_spans(const trace& t) {
    std::vector<timer_span> spans;
    std::unordered_map<std::uint32_t, std::size_t> by_handle;   // timers armed or due, by handle
    std::unordered_map<task_id, std::size_t> waking;             // a woken task's timer, until its next step
    task_id running = 0;
    std::size_t callback_timer = SIZE_MAX;  // the timer whose callback is running
    for (std::size_t k = 0; k < t.size(); ++k) {
        const event& e = t[k];
        auto position = std::uint32_t(k + 1);
        switch (e.kind) {
            case event_kind::timer_armed:
                by_handle[e.handle] = spans.size();
                spans.push_back({e.handle, running, e.a, position, std::uint32_t(t.size()), e.when(), false, 0, 0});
                break;
            case event_kind::timer_fired:
            case event_kind::timer_cancelled:
                if (auto it = by_handle.find(e.handle); it != by_handle.end()) {
                    timer_span& s = spans[it->second];
                    if (s.ended_at == t.size()) {
                        s.ended_at = position;
                        s.cancelled = e.kind == event_kind::timer_cancelled;
                    }
                    if (s.cancelled) by_handle.erase(it);
                }
                break;
            case event_kind::callback_begin:
                if (auto it = by_handle.find(e.handle); it != by_handle.end()) {
                    callback_timer = it->second;
                    by_handle.erase(it);
                }
                break;
            case event_kind::callback_end: callback_timer = SIZE_MAX; break;
            case event_kind::task_scheduled:
                if (callback_timer != SIZE_MAX && !spans[callback_timer].woke) {
                    spans[callback_timer].woke = e.task;
                    waking[e.task] = callback_timer;
                }
                break;
            case event_kind::step_begin:
                running = e.task;
                if (auto it = waking.find(e.task); it != waking.end()) {
                    spans[it->second].woke_step = position;
                    waking.erase(it);
                }
                break;
            case event_kind::step_end: running = 0; break;
            default: break;
        }
    }
    return spans;
}

}  // namespace loopscope::sim
