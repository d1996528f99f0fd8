#include "loopscope/sim/recorder.hpp"

#include <fmt/format.h>

namespace loopscope::sim {

recorder::recorder(event_loop& loop, trace& into, run_budget budget)
    : m_loop(loop), m_trace(into), m_budget(budget), m_room(budget.max_events) {
    m_loop.attach(*this);
}

recorder::~recorder() { m_loop.detach(*this); }

void recorder::stop(std::string why) {
    m_trace.stopped_early = std::move(why);
    m_room = 0;
    m_loop.stop();
}

bool recorder::admit_past_budget() {
    if (!m_trace.stopped_early.empty()) {
        m_loop.stop();  // a stop is consumed by the run it ends; keep asking until the loop is down
        return false;
    }
    stop(fmt::format("event budget of {} events reached", m_budget.max_events));
    return false;
}

void recorder::add(event_kind kind, task_id task, std::uint64_t handle, std::uint32_t a, std::uint32_t b,
                   std::uint8_t sub) {
    event e;
    e.kind = kind;
    e.sub = sub;
    e.task = task;
    e.handle = std::uint32_t(handle);
    e.a = a;
    e.set_b(b);
    m_trace.push_back(e);
}

void recorder::on_task_created(const task_created_info& info) {
    if (!admit()) return;
    m_trace.tasks.push_back({info.task, m_trace.strings.intern(info.name), m_trace.strings.intern(info.coroutine),
                             info.parent, m_trace.intern(info.created_at), std::uint32_t(m_trace.size())});
    add(event_kind::task_created, info.task, 0, info.parent, m_trace.tasks.back().created_at);
}

void recorder::on_task_renamed(task_id task, std::string_view name) {
    if (admit()) add(event_kind::task_renamed, task, 0, m_trace.strings.intern(name));
}

void recorder::on_task_scheduled(const task_scheduled_info& info) {
    if (admit())
        add(event_kind::task_scheduled, info.task, info.handle, m_trace.strings.intern(info.cause), 0,
            std::uint8_t(info.reason));
}

void recorder::on_callback_scheduled(handle_id handle, std::string_view what) {
    if (admit()) add(event_kind::callback_scheduled, 0, handle, m_trace.strings.intern(what));
}

void recorder::on_handle_skipped(handle_id handle) {
    if (admit()) add(event_kind::handle_skipped, 0, handle);
}

void recorder::on_callback_begin(handle_id handle, std::string_view what) {
    if (admit()) add(event_kind::callback_begin, 0, handle, m_trace.strings.intern(what));
}

void recorder::on_callback_end(handle_id handle) {
    if (admit()) add(event_kind::callback_end, 0, handle);
}

void recorder::on_step_begin(task_id task, handle_id handle) {
    if (admit()) add(event_kind::step_begin, task, handle);
}

void recorder::on_step_end(const step_end_info& info) {
    if (!admit()) return;
    std::string_view text = info.outcome == step_outcome::waiting ? info.awaiting : info.detail;
    location_id at = m_trace.intern(info.suspended_at);
    if (info.outcome == step_outcome::waiting || info.outcome == step_outcome::yielded) {
        // A step that resumed inside the runtime (wait_for's clean-up, a lock's
        // retry) and suspended there again is still in the user's same co_await.
        if (info.task >= m_suspended_at.size()) m_suspended_at.resize(info.task + 1, 0);
        if (at)
            m_suspended_at[info.task] = at;
        else
            at = m_suspended_at[info.task];
    }
    add(event_kind::step_end, info.task, info.waits_on, m_trace.strings.intern(text), at, std::uint8_t(info.outcome));
    for (const await_frame& frame : info.await_chain) {
        if (!admit()) return;
        add(event_kind::await_frame, info.task, 0, m_trace.strings.intern(frame.function), m_trace.intern(frame.at));
        for (const frame_local& local : frame.locals) {
            if (!admit()) return;
            add(event_kind::frame_local, info.task, 0, m_trace.strings.intern(local.name),
                m_trace.strings.intern(local.value));
        }
    }
}

void recorder::on_object_state(const object_state_info& info) {
    if (admit())
        add(event_kind::object_state, info.holder, info.object, m_trace.strings.intern(info.label),
            m_trace.strings.intern(info.state), std::uint8_t(info.kind));
}

void recorder::on_cancel_requested(task_id task, task_id by, std::string_view message) {
    if (admit()) add(event_kind::cancel_requested, task, 0, m_trace.strings.intern(message), by);
}

void recorder::on_iteration_begin(std::uint64_t iteration, double time) {
    if (!admit()) return;
    m_trace.iterations.push_back({std::uint32_t(m_trace.size()), std::uint32_t(iteration)});
    if (time != m_trace.times.back().value) m_trace.times.push_back({std::uint32_t(m_trace.size()), time});
    add(event_kind::iteration_begin, 0);
}

void recorder::on_iteration_end(std::uint64_t /*iteration*/) {
    if (admit()) add(event_kind::iteration_end, 0);
}

void recorder::on_clock_advanced(double from, double to, bool blocking) {
    if (!admit()) return;
    if (to > m_budget.max_time) {
        stop(fmt::format("time budget of {} s reached", m_budget.max_time));
        return;
    }
    m_trace.times.push_back({std::uint32_t(m_trace.size()), to});
    event e;
    e.kind = event_kind::clock_advanced;
    e.sub = blocking;
    e.task = blocking && m_loop.current_task() ? m_loop.current_task().id() : 0;
    e.set_when(from);
    m_trace.push_back(e);
}

void recorder::on_timer_armed(const timer_info& info) {
    if (!admit()) return;
    event e;
    e.kind = event_kind::timer_armed;
    e.handle = std::uint32_t(info.handle);
    e.a = m_trace.strings.intern(info.what);
    e.set_when(info.when);
    m_trace.push_back(e);
}

void recorder::on_timer_fired(handle_id handle) {
    if (admit()) add(event_kind::timer_fired, 0, handle);
}

void recorder::on_timer_cancelled(handle_id handle) {
    if (admit()) add(event_kind::timer_cancelled, 0, handle);
}

void recorder::on_output(task_id task, std::string_view text, const source_location& at) {
    if (admit()) add(event_kind::output, task, 0, m_trace.strings.intern(text), m_trace.intern(at));
}

void recorder::on_never_awaited(std::string_view coroutine, const source_location& created_at) {
    if (admit()) add(event_kind::never_awaited, 0, 0, m_trace.strings.intern(coroutine), m_trace.intern(created_at));
}

void recorder::on_deadlock(std::string_view waits) {
    if (admit()) add(event_kind::deadlock, 0, 0, m_trace.strings.intern(waits));
}

void recorder::on_error(task_id task, std::string_view message) {
    if (admit()) add(event_kind::error, task, 0, m_trace.strings.intern(message));
}

}  // namespace loopscope::sim
