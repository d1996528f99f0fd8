#include "loopscope/sim/playback.hpp"

#include <filesystem>

#include <algorithm>
#include <string>

#include "loopscope/core/detail/coroutine_label.hpp"

namespace loopscope::sim {

std::string_view to_string(task_status s) noexcept {
    switch (s) {
        case task_status::created: return "created";
        case task_status::scheduled: return "scheduled";
        case task_status::running: return "running";
        case task_status::waiting: return "waiting";
        case task_status::done: return "done";
        case task_status::cancelled: return "cancelled";
        case task_status::failed: return "failed";
    }
    return "unknown";
}

std::string_view to_string(loop_phase p) noexcept {
    switch (p) {
        case loop_phase::not_started: return "not started";
        case loop_phase::polling: return "waiting for the next timer";
        case loop_phase::timers_due: return "moving due timers to the ready queue";
        case loop_phase::running: return "running the ready queue";
        case loop_phase::between: return "between iterations";
    }
    return "unknown";
}

// [SECTION] loop_state

namespace {

/// Removes the entry for `handle` (normally the front: the ready queue is FIFO) and returns it.
std::optional<loop_handle> take(std::deque<loop_handle>& ready, std::uint32_t handle) {
    auto it = std::find_if(ready.begin(), ready.end(), [&](const loop_handle& h) { return h.handle == handle; });
    if (it == ready.end()) return std::nullopt;
    loop_handle found = *it;
    ready.erase(it);
    return found;
}

}  // namespace

void loop_state::apply(const event& e) {
    ++position;
    task_view* task = e.task >= 1 && e.task <= tasks.size() ? &tasks[e.task - 1] : nullptr;
    switch (e.kind) {
        case event_kind::task_created:
            if (e.task > tasks.size()) tasks.resize(e.task);
            break;
        case event_kind::task_renamed:
            if (task) task->name = e.a;
            break;
        case event_kind::task_scheduled:
            ready.push_back({e.handle, e.task, 0, e.a, 0, false});
            if (task) task->state = task_status::scheduled;
            break;
        case event_kind::callback_scheduled: ready.push_back({e.handle, 0, 0, e.a, 0, false}); break;
        case event_kind::handle_skipped: take(ready, e.handle); break;
        case event_kind::callback_begin:
            take(ready, e.handle);
            running_callback = e.handle;
            phase = loop_phase::running;
            break;
        case event_kind::callback_end: running_callback = 0; break;
        case event_kind::step_begin:
            take(ready, e.handle);
            running = e.task;
            phase = loop_phase::running;
            if (task) {
                task->state = task_status::running;
                task->chain = 0;
            }
            break;
        case event_kind::step_end:
            running = 0;
            if (!task) break;
            task->state = state_after(step_outcome(e.sub));
            task->detail = e.a;
            if (e.b()) task->line = e.b();
            task->chain = is_terminal(task->state) ? 0 : std::uint32_t(position);  // the next event's index
            task->waits_on = task->state == task_status::waiting ? e.handle : 0;
            break;
        case event_kind::cancel_requested:
            if (task) task->cancel_requested = true;
            break;
        case event_kind::iteration_begin: phase = loop_phase::polling; break;
        case event_kind::iteration_end: phase = loop_phase::between; break;
        case event_kind::clock_advanced:
            if (!e.sub) phase = loop_phase::timers_due;
            break;
        case event_kind::timer_armed: {
            loop_handle timer{e.handle, 0, running, e.a, e.when(), false};
            auto at = std::upper_bound(timers.begin(), timers.end(), timer, [](const auto& x, const auto& y) {
                return x.when < y.when || (x.when == y.when && x.handle < y.handle);
            });
            timers.insert(at, timer);
            break;
        }
        case event_kind::timer_fired: {
            phase = loop_phase::timers_due;
            auto it = std::find_if(timers.begin(), timers.end(), [&](const auto& t) { return t.handle == e.handle; });
            if (it == timers.end()) break;
            ready.push_back(*it);
            timers.erase(it);
            break;
        }
        case event_kind::timer_cancelled: {
            auto it = std::find_if(timers.begin(), timers.end(), [&](const auto& t) { return t.handle == e.handle; });
            if (it != timers.end()) {
                timers.erase(it);
                break;
            }
            for (auto& r : ready)
                if (r.handle == e.handle) r.cancelled = true;
            break;
        }
        case event_kind::output:
            if (task && e.b()) task->line = e.b();
            break;
        case event_kind::object_state:
            if (e.handle == 0) break;
            if (e.handle > objects.size()) objects.resize(e.handle);
            objects[e.handle - 1] = {object_kind(e.sub), e.a, e.b(), e.task};
            break;
        case event_kind::never_awaited:
        case event_kind::deadlock:
        case event_kind::error:
        case event_kind::await_frame:
        case event_kind::frame_local: break;
    }
}

// [SECTION] playback

namespace {

/// Whether a location is inside the runtime (gather, TaskGroup making a task), not the program's own code:
/// this build's core/, or any Loopscope's for a trace recorded elsewhere.
bool created_by_runtime(const trace& t, location_id at) {
    if (at == 0 || at >= t.locations.size()) return false;
    std::string file(t.strings[t.locations[at].file]);
    return detail::is_runtime_source(file.c_str()) || file.find("include/loopscope/core/") != std::string::npos ||
           file.find("core/src/") != std::string::npos;
}

// Snapshots cost a copy of the task table each, replay costs a few ns per
// event: space them so that neither dominates.
std::size_t choose_interval(const trace& t) { return std::clamp<std::size_t>(t.tasks.size() * 2, 4096, 32768); }

}  // namespace

playback::playback(const trace& t)
    : m_trace(t), m_interval(choose_interval(t)), m_lints(find_lints(t)),
      m_lines(t.origin.cpp_listing, t.origin.python_listing) {
    loop_state state;
    for (std::size_t k = 0; k < t.size(); ++k) {
        if (k % m_interval == 0) m_snapshots.push_back(state);
        const event& e = t[k];
        state.apply(e);
        auto after = std::uint32_t(k + 1);
        switch (e.kind) {
            case event_kind::output: m_outputs.push_back(std::uint32_t(k)); break;
            case event_kind::step_end:
            case event_kind::callback_end: m_step_ends.push_back(after); break;
            case event_kind::iteration_end: m_iteration_ends.push_back(after); break;
            default: break;
        }
    }
    if (t.size() % m_interval == 0) m_snapshots.push_back(state);
    for (std::size_t i = 1; i < t.times.size(); ++i) m_time_changes.push_back(t.times[i].event + 1);
    m_cursor = m_snapshots.front();
}

const loop_state& playback::state_at(std::size_t k) {
    k = std::min(k, size());
    // Replay from the cursor when it is on the way, else from the snapshot before k.
    if (k < m_cursor.position || k - m_cursor.position > k % m_interval) m_cursor = m_snapshots[k / m_interval];
    while (m_cursor.position < k) m_cursor.apply(m_trace[m_cursor.position]);
    return m_cursor;
}

double playback::time_at(std::size_t k) const noexcept { return k == 0 ? 0.0 : m_trace.time_at(k - 1); }

std::uint32_t playback::iteration_at(std::size_t k) const noexcept {
    return k == 0 ? 0 : m_trace.iteration_at(k - 1);
}

const std::vector<std::uint32_t>& playback::boundaries(step_unit unit) const noexcept {
    switch (unit) {
        case step_unit::task_step: return m_step_ends;
        case step_unit::iteration: return m_iteration_ends;
        default: return m_time_changes;
    }
}

std::size_t playback::next(std::size_t k, step_unit unit) const noexcept {
    if (unit == step_unit::event) return std::min(k + 1, size());
    const auto& b = boundaries(unit);
    auto it = std::upper_bound(b.begin(), b.end(), k);
    return it == b.end() ? size() : *it;
}

std::size_t playback::previous(std::size_t k, step_unit unit) const noexcept {
    if (unit == step_unit::event) return k == 0 ? 0 : std::min(k, size()) - 1;
    const auto& b = boundaries(unit);
    auto it = std::lower_bound(b.begin(), b.end(), k);
    return it == b.begin() ? 0 : *std::prev(it);
}

std::size_t playback::position_at_time(double t) const noexcept {
    if (t <= 0) return 0;
    std::size_t first = m_trace.first_event_at_time(t);
    return first == m_trace.size() ? size() : first + 1;
}

std::size_t playback::outputs_before(std::size_t k) const noexcept {
    return std::size_t(std::lower_bound(m_outputs.begin(), m_outputs.end(), k) - m_outputs.begin());
}

std::size_t playback::lints_before(std::size_t k) const noexcept {
    return std::size_t(std::partition_point(m_lints.begin(), m_lints.end(), [&](const lint& l) { return l.event < k; }) -
                       m_lints.begin());
}

std::vector<playback::object_at> playback::objects_at(std::size_t k) {
    const loop_state& state = state_at(k);
    std::vector<object_at> objects;
    for (std::size_t i = 0; i < state.objects.size(); ++i)
        if (state.objects[i].state) objects.push_back({std::uint32_t(i + 1), state.objects[i], {}});
    std::vector<task_id> waiting;  // in the order their waits began: a waiting step's end sets its chain
    for (std::size_t i = 0; i < state.tasks.size(); ++i)
        if (state.tasks[i].state == task_status::waiting && state.tasks[i].waits_on) waiting.push_back(task_id(i + 1));
    std::stable_sort(waiting.begin(), waiting.end(), [&](task_id x, task_id y) {
        return state.tasks[x - 1].chain < state.tasks[y - 1].chain;
    });
    for (task_id t : waiting) {
        const std::uint32_t on = state.tasks[t - 1].waits_on;
        auto it = std::find_if(objects.begin(), objects.end(), [&](const object_at& o) { return o.number == on; });
        if (it != objects.end()) it->waiters.push_back(t);
    }
    return objects;
}

std::vector<playback::chain_frame> playback::await_chain(std::size_t k, task_id task) {
    std::vector<chain_frame> chain;
    const loop_state& state = state_at(k);
    if (task < 1 || task > state.tasks.size()) return chain;
    const std::uint32_t from = state.tasks[task - 1].chain;
    if (from == 0) return chain;
    // The frames are part of the step's end: shown even when the playhead is between them.
    for (std::size_t i = from; i < m_trace.size(); ++i) {
        const event& e = m_trace[i];
        if (e.task != task) break;
        if (e.kind == event_kind::await_frame)
            chain.push_back({&e, {}});
        else if (e.kind == event_kind::frame_local && !chain.empty())
            chain.back().locals.push_back(&e);
        else
            break;
    }
    return chain;
}

creation_site playback::created_from(task_id id) const {
    const task_record* task = m_trace.find_task(id);
    if (!task) return {};
    if (cpp_line(task->created_at) || !task->parent || !created_by_runtime(m_trace, task->created_at))
        return {task->created_at, 0};
    // The task was made inside its parent's step, which is the next step to
    // end (steps do not nest); it ends at the user's co_await.
    auto next_end = std::upper_bound(m_step_ends.begin(), m_step_ends.end(), task->created_event);
    if (next_end == m_step_ends.end()) return {task->created_at, 0};
    const event& e = m_trace[*next_end - 1];
    bool suspended = e.kind == event_kind::step_end && e.task == task->parent &&
                     (step_outcome(e.sub) == step_outcome::waiting || step_outcome(e.sub) == step_outcome::yielded);
    return suspended ? creation_site{e.b(), e.a} : creation_site{task->created_at, 0};
}

std::uint32_t playback::cpp_line(location_id at) const {
    if (at == 0 || at >= m_trace.locations.size()) return 0;
    const location& l = m_trace.locations[at];
    return m_trace.strings[l.file] == m_trace.origin.cpp_file ? l.line : 0;
}

std::uint32_t playback::python_line(location_id at) const {
    const std::string& program = m_trace.origin.program.path;
    if (program.empty()) return m_lines.python_line(cpp_line(at));
    if (at == 0 || at >= m_trace.locations.size()) return 0;
    // Python names the script by its absolute path; the trace keeps the path as the command line gave it.
    const location& l = m_trace.locations[at];
    std::string_view file = m_trace.strings[l.file];
    const std::string given = std::filesystem::path(program).lexically_normal().string();
    const bool same = file == given || (file.ends_with(given) && file[file.size() - given.size() - 1] == '/');
    return same ? l.line : 0;
}

}  // namespace loopscope::sim
