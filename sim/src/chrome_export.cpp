#include "loopscope/sim/chrome_export.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "loopscope/sim/atomic_file.hpp"
#include "loopscope/sim/lint.hpp"

namespace loopscope::sim {

namespace {

using json = nlohmann::json;
using microseconds = std::int64_t;

constexpr int pid = 1;
constexpr std::uint32_t loop_lane = 0;  ///< tid of the event loop; Task-N is tid N

// [SECTION] the time axis

/// The virtual time an event is drawn at: a clock advance is drawn where the
/// clock stood before it, so that the idle gap follows it.
double drawn_time(const trace& t, std::size_t k) {
    return t[k].kind == event_kind::clock_advanced ? t[k].when() : t.time_at(k);
}

microseconds to_microseconds(double seconds) {
    constexpr double limit = 1e15;  // 31 years; beyond it a double cannot hold a 1 µs step
    double us = seconds * 1e6;
    return us > 0 ? microseconds(std::llround(std::min(us, limit))) : 0;  // `us > 0` also drops NaN
}

/// ts of each event (see the header): strictly increasing, never before the virtual time.
std::vector<microseconds> event_timestamps(const trace& t) {
    std::vector<microseconds> ts(t.size());
    microseconds previous = -1;
    for (std::size_t k = 0; k < t.size(); ++k) previous = ts[k] = std::max(to_microseconds(drawn_time(t, k)), previous + 1);
    return ts;
}

// [SECTION] slices

enum class slice_kind : std::uint8_t {
    task,              ///< a task from creation to its end
    scheduled,         ///< task states, nested in `task`
    running,
    waiting,
    blocked,           ///< a blocking call froze the loop inside a step
    iteration,         ///< the loop lane
    callback,
    idle,              ///< the loop waits for the next timer
    spawn,             ///< arrow sources: short marks where something was set in motion
    wake,
    call_soon,
    timer,
    cancel,
    cancel_requested,  ///< arrow target on the cancelled task's lane
};

struct slice {
    microseconds start = 0;
    microseconds end = 0;
    std::uint32_t lane = 0;
    std::uint32_t first_event = 0;  ///< the event that opened it: names and args come from it
    std::uint32_t last_event = 0;   ///< the event that closed it
    std::uint32_t bind_id = 0;      ///< its arrow, 0: none
    slice_kind kind{};
    bool flow_in = false;           ///< the arrow ends here (else it starts here)
    bool unfinished = false;        ///< still open when the trace ended
};

/// A timer from arming to firing or cancelling.
struct timer_span {
    std::uint32_t armed = 0;
    std::uint32_t ended = 0;
    bool fired = false;
    bool unfinished = true;
};

/// Walks the trace once and turns it into slices, arrows and timer spans.
/// Each lane keeps a stack of open slices with their levels (task 0, state 1;
/// iteration 0, callback 1): opening a slice closes those at its level and
/// deeper, so slices on one lane nest strictly whatever order events come in.
class slice_builder {
public:
    explicit slice_builder(const trace& t)
        : m_trace(t), m_ts(event_timestamps(t)), m_open(t.tasks.size() + 1), m_rescheduled(t.tasks.size() + 1) {
        for (std::size_t k = 0; k < t.size(); ++k) apply(std::uint32_t(k));
        for (std::uint32_t lane = 0; lane < m_open.size(); ++lane) close(lane, 0, std::uint32_t(t.size()));
        std::stable_sort(m_slices.begin(), m_slices.end(), [](const slice& x, const slice& y) {
            return x.start != y.start ? x.start < y.start : x.end > y.end;  // a parent before its children
        });
    }

    [[nodiscard]] const std::vector<slice>& slices() const noexcept { return m_slices; }
    [[nodiscard]] const std::vector<timer_span>& timers() const noexcept { return m_timers; }
    /// ts of event k; the end of the trace for k == size().
    [[nodiscard]] microseconds ts(std::size_t k) const noexcept {
        return k < m_ts.size() ? m_ts[k] : m_ts.empty() ? 0 : m_ts.back() + 1;
    }

private:
    struct open_slice {
        std::size_t index;
        int level;
    };

    void apply(std::uint32_t k) {
        const event& e = m_trace[k];
        const std::uint32_t here = m_running;  // the lane of whatever runs now: a task's step, or the loop
        switch (e.kind) {
            case event_kind::task_created:
                if (is_task(e.task)) open(e.task, 0, slice_kind::task, k);
                break;
            case event_kind::task_scheduled: {
                if (!is_task(e.task)) break;
                if (e.task == here) {  // it scheduled itself (a yield): it is scheduled once this step ends
                    m_rescheduled[e.task] = true;
                    break;
                }
                open(e.task, 1, slice_kind::scheduled, k);
                auto reason = schedule_reason(e.sub);
                if (reason == schedule_reason::first_step) arrow_from(here, slice_kind::spawn, k, e.handle);
                if (reason == schedule_reason::woken) arrow_from(here, slice_kind::wake, k, e.handle);
                break;
            }
            case event_kind::callback_scheduled: arrow_from(here, slice_kind::call_soon, k, e.handle); break;
            case event_kind::timer_armed:
                arrow_from(here, slice_kind::timer, k, e.handle);
                m_active_timers[e.handle] = m_timers.size();
                m_timers.push_back({k, 0, false, true});
                break;
            case event_kind::timer_fired: end_timer(e.handle, k, true); break;
            case event_kind::timer_cancelled:
                end_timer(e.handle, k, false);
                m_pending_arrows.erase(e.handle);
                break;
            case event_kind::handle_skipped: m_pending_arrows.erase(e.handle); break;
            case event_kind::callback_begin: arrow_to(open(loop_lane, 1, slice_kind::callback, k), e.handle); break;
            case event_kind::callback_end: close(loop_lane, 1, k); break;
            case event_kind::step_begin:
                if (!is_task(e.task)) break;
                arrow_to(open(e.task, 1, slice_kind::running, k), e.handle);
                m_running = e.task;
                break;
            case event_kind::step_end: {
                m_running = loop_lane;
                if (!is_task(e.task)) break;
                auto outcome = step_outcome(e.sub);
                if (outcome == step_outcome::done || outcome == step_outcome::failed ||
                    outcome == step_outcome::cancelled)
                    close(e.task, 0, k);
                else
                    open(e.task, 1,
                         outcome == step_outcome::yielded || m_rescheduled[e.task] ? slice_kind::scheduled
                                                                                    : slice_kind::waiting,
                         k);
                m_rescheduled[e.task] = false;
                break;
            }
            case event_kind::cancel_requested: {
                if (!is_task(e.task)) break;
                std::size_t requested = mark(e.task, slice_kind::cancel_requested, k, ts(k) + 1);
                if (here != e.task) connect(mark(here, slice_kind::cancel, k, ts(k) + 1), requested);
                break;
            }
            case event_kind::iteration_begin: open(loop_lane, 0, slice_kind::iteration, k); break;
            case event_kind::iteration_end: close(loop_lane, 0, k); break;
            case event_kind::clock_advanced:
                // The gap up to the next event is the time the clock jumped over.
                mark(here, e.sub ? slice_kind::blocked : slice_kind::idle, k, k + 1 < m_ts.size() ? ts(k + 1) : ts(k) + 1);
                break;
            default: break;  // printed lines, renames and lints are instants
        }
    }

    [[nodiscard]] bool is_task(task_id id) const noexcept { return id >= 1 && id < m_open.size(); }

    std::size_t open(std::uint32_t lane, int level, slice_kind kind, std::uint32_t k) {
        close(lane, level, k);
        m_slices.push_back({.start = ts(k), .lane = lane, .first_event = k, .kind = kind});
        m_open[lane].push_back({m_slices.size() - 1, level});
        return m_slices.size() - 1;
    }

    /// Closes the lane's open slices at `level` and deeper at event k (at the end: unfinished).
    void close(std::uint32_t lane, int level, std::uint32_t k) {
        auto& stack = m_open[lane];
        while (!stack.empty() && stack.back().level >= level) {
            slice& s = m_slices[stack.back().index];
            s.end = ts(k);
            s.last_event = k;
            s.unfinished = k == m_trace.size();
            stack.pop_back();
        }
    }

    /// A slice that is complete at once (a mark or a gap), nested in whatever is open.
    std::size_t mark(std::uint32_t lane, slice_kind kind, std::uint32_t k, microseconds end) {
        m_slices.push_back({.start = ts(k), .end = end, .lane = lane, .first_event = k, .last_event = k, .kind = kind});
        return m_slices.size() - 1;
    }

    /// A mark where a handle was made; its arrow is drawn if the handle runs.
    void arrow_from(std::uint32_t lane, slice_kind kind, std::uint32_t k, std::uint32_t handle) {
        m_pending_arrows[handle] = mark(lane, kind, k, ts(k) + 1);
    }

    void arrow_to(std::size_t target, std::uint32_t handle) {
        auto it = m_pending_arrows.find(handle);
        if (it == m_pending_arrows.end()) return;
        connect(it->second, target);
        m_pending_arrows.erase(it);
    }

    void connect(std::size_t source, std::size_t target) {
        m_slices[source].bind_id = m_slices[target].bind_id = ++m_arrows;
        m_slices[target].flow_in = true;
    }

    void end_timer(std::uint32_t handle, std::uint32_t k, bool fired) {
        auto it = m_active_timers.find(handle);
        if (it == m_active_timers.end()) return;
        m_timers[it->second] = {m_timers[it->second].armed, k, fired, false};
        m_active_timers.erase(it);
    }

    const trace& m_trace;
    std::vector<microseconds> m_ts;
    std::vector<slice> m_slices;
    std::vector<std::vector<open_slice>> m_open;  ///< per lane, outermost first
    std::vector<bool> m_rescheduled;              ///< per task: it scheduled itself during its running step
    std::uint32_t m_running = loop_lane;
    std::unordered_map<std::uint32_t, std::size_t> m_pending_arrows;  ///< handle → its source mark
    std::uint32_t m_arrows = 0;
    std::vector<timer_span> m_timers;
    std::unordered_map<std::uint32_t, std::size_t> m_active_timers;  ///< handle → index in m_timers
};

// [SECTION] JSON

/// Streams the events: one small JSON object at a time, so a long trace
/// never becomes one huge JSON tree in memory.
class chrome_writer {
public:
    explicit chrome_writer(const trace& t) : m_trace(t), m_slices(t) {}

    std::string write() {
        m_out = "{\"displayTimeUnit\":\"ms\",\"otherData\":";
        m_out += dump(other_data());
        m_out += ",\"traceEvents\":[";
        metadata();
        for (const slice& s : m_slices.slices()) add(complete_event(s));
        timers();
        instants();
        m_out += "\n]}\n";
        return std::move(m_out);
    }

private:
    [[nodiscard]] static std::string dump(const json& j) {
        return j.dump(-1, ' ', false, json::error_handler_t::replace);  // texts from programs may be bad UTF-8
    }

    void add(const json& event) {
        m_out += m_first ? "\n" : ",\n";
        m_first = false;
        m_out += dump(event);
    }

    [[nodiscard]] std::string text(string_id id) const { return std::string(m_trace.strings[id]); }
    [[nodiscard]] std::string label(task_id id) const { return id ? m_trace.task_label(id) : "the loop"; }

    [[nodiscard]] json other_data() const {
        json parameters = json::object();
        for (const auto& [name, value] : m_trace.origin.parameters) parameters[name] = value;
        return {{"scenario", m_trace.origin.scenario},
                {"parameters", parameters},
                {"clock", "virtual"},
                {"time_axis", "ts = virtual time in µs, moved later where needed so that each event is 1 µs "
                              "after the previous; args.t is the true virtual time in seconds"},
                {"events", m_trace.size()},
                {"stopped_early", m_trace.stopped_early}};
    }

    void metadata() {
        std::string process = "Loopscope: " + (m_trace.origin.scenario.empty() ? "recorded program" : m_trace.origin.scenario);
        for (const auto& [name, value] : m_trace.origin.parameters) process += fmt::format(" {}={}", name, value);
        add({{"ph", "M"}, {"pid", pid}, {"name", "process_name"}, {"args", {{"name", process}}}});
        lane_names(loop_lane, "event loop");
        for (const task_record& task : m_trace.tasks) lane_names(task.id, m_trace.task_label(task.id));
    }

    void lane_names(std::uint32_t lane, const std::string& name) {
        add({{"ph", "M"}, {"pid", pid}, {"tid", lane}, {"name", "thread_name"}, {"args", {{"name", name}}}});
        add({{"ph", "M"}, {"pid", pid}, {"tid", lane}, {"name", "thread_sort_index"}, {"args", {{"sort_index", lane}}}});
    }

    [[nodiscard]] json complete_event(const slice& s) const {
        const event& e = m_trace[s.first_event];
        json args = {{"t", drawn_time(m_trace, s.first_event)}, {"event", s.first_event}};
        std::string name;
        switch (s.kind) {
            case slice_kind::task: {
                name = m_trace.task_label(s.lane);
                args["parent"] = label(m_trace.tasks[s.lane - 1].parent);
                if (s.unfinished) break;
                const event& last = m_trace[s.last_event];
                auto outcome = step_outcome(last.sub);
                args["outcome"] = to_string(outcome);
                args[outcome == step_outcome::done ? "result" : "exception"] = text(last.a);
                break;
            }
            case slice_kind::scheduled:
                name = "scheduled";
                if (e.kind == event_kind::task_scheduled) {
                    args["reason"] = to_string(schedule_reason(e.sub));
                    if (e.a) args["cause"] = text(e.a);
                } else {
                    args["reason"] = to_string(schedule_reason::yielded);
                }
                break;
            case slice_kind::running: name = "running"; break;
            case slice_kind::waiting: name = e.a ? "waiting " + text(e.a) : "waiting"; break;
            case slice_kind::blocked:
            case slice_kind::idle:
                name = s.kind == slice_kind::idle ? "idle" : "blocked";
                args["to"] = m_trace.time_at(s.first_event);
                break;
            case slice_kind::iteration:
                name = "iteration";
                args["iteration"] = m_trace.iteration_at(s.first_event);
                break;
            case slice_kind::callback: name = e.a ? text(e.a) : "callback"; break;
            case slice_kind::spawn:
            case slice_kind::wake:
                name = s.kind == slice_kind::spawn ? "spawn" : "wake";
                args["task"] = label(e.task);
                if (e.a) args["cause"] = text(e.a);
                break;
            case slice_kind::call_soon:
            case slice_kind::timer:
                name = s.kind == slice_kind::timer ? "timer" : "call_soon";
                args["callback"] = text(e.a);
                if (s.kind == slice_kind::timer) args["due"] = e.when();
                break;
            case slice_kind::cancel:
            case slice_kind::cancel_requested:
                name = s.kind == slice_kind::cancel ? "cancel" : "cancel requested";
                args["task"] = label(e.task);
                args["by"] = label(e.b());
                if (e.a) args["message"] = text(e.a);
                break;
        }
        if (s.unfinished) args["unfinished"] = true;
        json j = {{"ph", "X"}, {"pid", pid}, {"tid", s.lane}, {"ts", s.start}, {"dur", s.end - s.start},
                  {"name", name}, {"cat", category(s.kind)}, {"args", args}};
        if (s.bind_id) {
            j["bind_id"] = s.bind_id;
            j[s.flow_in ? "flow_in" : "flow_out"] = true;
        }
        return j;
    }

    [[nodiscard]] static std::string_view category(slice_kind kind) {
        switch (kind) {
            case slice_kind::task: return "task";
            case slice_kind::scheduled:
            case slice_kind::running:
            case slice_kind::waiting:
            case slice_kind::blocked: return "state";
            case slice_kind::iteration:
            case slice_kind::callback:
            case slice_kind::idle: return "loop";
            default: return "arrow";
        }
    }

    void timers() {
        for (const timer_span& timer : m_slices.timers()) {
            const event& armed = m_trace[timer.armed];
            json id = {{"local", fmt::format("timer-{}", timer.armed)}};
            std::string name = text(armed.a);
            add({{"ph", "b"}, {"pid", pid}, {"tid", loop_lane}, {"cat", "timer"}, {"name", name}, {"id2", id},
                 {"ts", m_slices.ts(timer.armed)},
                 {"args", {{"due", armed.when()}, {"handle", armed.handle}, {"event", timer.armed}}}});
            json end_args = timer.unfinished ? json{{"unfinished", true}}
                                             : json{{"outcome", timer.fired ? "fired" : "cancelled"}};
            add({{"ph", "e"}, {"pid", pid}, {"tid", loop_lane}, {"cat", "timer"}, {"name", name}, {"id2", id},
                 {"ts", m_slices.ts(timer.unfinished ? m_trace.size() : timer.ended)}, {"args", end_args}});
        }
    }

    void instants() {
        for (std::size_t k = 0; k < m_trace.size(); ++k) {
            const event& e = m_trace[k];
            std::uint32_t lane = e.task <= m_trace.tasks.size() ? e.task : loop_lane;
            if (e.kind == event_kind::output)
                add(instant(lane, k, text(e.a), "output", {{"at", where(e.b())}}));
            else if (e.kind == event_kind::task_renamed)
                add(instant(lane, k, "renamed to " + text(e.a), "task", json::object()));
        }
        for (const lint& l : find_lints(m_trace)) {
            std::uint32_t lane = l.task <= m_trace.tasks.size() ? l.task : loop_lane;
            add(instant(lane, l.event, fmt::format("lint: {}", to_string(l.kind)), "lint", {{"message", l.message}}));
        }
    }

    [[nodiscard]] json instant(std::uint32_t lane, std::size_t k, std::string name, std::string_view category,
                               json args) const {
        args["t"] = k < m_trace.size() ? m_trace.time_at(k) : m_trace.time_at(m_trace.size());
        args["event"] = k;
        return {{"ph", "i"}, {"s", lane == loop_lane ? "p" : "t"}, {"pid", pid}, {"tid", lane},
                {"ts", m_slices.ts(k)}, {"name", std::move(name)}, {"cat", category}, {"args", std::move(args)}};
    }

    /// "countdown.cpp:12 (countdown)" for a location, "" for none.
    [[nodiscard]] std::string where(location_id id) const {
        if (id == 0 || id >= m_trace.locations.size()) return "";
        const location& at = m_trace.locations[id];
        return fmt::format("{}:{} ({})", m_trace.strings[at.file], at.line, m_trace.strings[at.function]);
    }

    const trace& m_trace;
    slice_builder m_slices;
    std::string m_out;
    bool m_first = true;
};

}  // namespace

std::string chrome_json(const trace& t) { return chrome_writer(t).write(); }

void export_chrome(const trace& t, const std::filesystem::path& path) { write_file_atomically(path, chrome_json(t)); }

}  // namespace loopscope::sim
