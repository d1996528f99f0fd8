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
    for (std::size_t k = 0; k < t.size(); ++k)
        previous = ts[k] = std::max(to_microseconds(drawn_time(t, k)), previous + 1);
    return ts;
}

// [SECTION] slices

enum class slice_kind : std::uint8_t {
    task,       ///< a task from creation to its end
    scheduled,  ///< task states, nested in `task`
    running,
    waiting,
    blocked,    ///< a blocking call froze the loop inside a step
    iteration,  ///< the loop lane
    callback,
    idle,   ///< the loop waits for the next timer
    spawn,  ///< arrow sources: short marks where something was set in motion
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
    bool flow_in = false;     ///< the arrow ends here (else it starts here)
    bool unfinished = false;  ///< still open when the trace ended
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
                mark(here, e.sub ? slice_kind::blocked : slice_kind::idle, k,
                     k + 1 < m_ts.size() ? ts(k + 1) : ts(k) + 1);
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

/// Appends `text` as a JSON string. Texts come from the program that ran, so
/// anything but plain ASCII goes through nlohmann, which escapes it and
/// replaces bad UTF-8.
void append_quoted(std::string& out, std::string_view text) {
    bool plain =
        std::all_of(text.begin(), text.end(), [](char c) { return c >= ' ' && c < 127 && c != '"' && c != '\\'; });
    if (!plain) {
        out += json(text).dump(-1, ' ', false, json::error_handler_t::replace);
        return;
    }
    out += '"';
    out += text;
    out += '"';
}

/// One JSON object written field by field straight into the output. An export
/// has millions of events, and building each as an nlohmann tree first costs
/// about ten times as much.
class json_object {
public:
    explicit json_object(std::string& out) : m_out(out) { m_out += '{'; }
    ~json_object() { m_out += '}'; }
    json_object(const json_object&) = delete;
    json_object& operator=(const json_object&) = delete;

    json_object& field(std::string_view name, std::string_view text) {
        key(name);
        append_quoted(m_out, text);
        return *this;
    }
    json_object& field(std::string_view name, const char* text) { return field(name, std::string_view(text)); }
    json_object& field(std::string_view name, bool flag) {
        key(name);
        m_out += flag ? "true" : "false";
        return *this;
    }
    json_object& field(std::string_view name, std::integral auto number) {
        key(name);
        m_out += fmt::format_int(number).c_str();
        return *this;
    }
    json_object& field(std::string_view name, double number) {
        key(name);
        if (std::isfinite(number))
            fmt::format_to(std::back_inserter(m_out), "{}", number);
        else
            m_out += "null";  // JSON has no infinity
        return *this;
    }
    /// A nested object, closed when the returned writer goes away.
    [[nodiscard]] json_object object(std::string_view name) {
        key(name);
        return json_object(m_out);
    }

private:
    void key(std::string_view name) {  // names are this file's literals: nothing to escape
        m_out += m_empty ? "\"" : ",\"";
        m_out += name;
        m_out += "\":";
        m_empty = false;
    }

    std::string& m_out;
    bool m_empty = true;
};

/// Writes the events one at a time, so a long trace never becomes one huge
/// JSON tree in memory.
class chrome_writer {
public:
    explicit chrome_writer(const trace& t) : m_trace(t), m_slices(t) {}

    std::string write() {
        constexpr std::size_t bytes_per_event = 200;  // measured: 140 to 200
        m_out.reserve(m_trace.size() * bytes_per_event);
        m_out += "{\"displayTimeUnit\":\"ms\",\"otherData\":";
        m_out += other_data().dump(-1, ' ', false, json::error_handler_t::replace);
        m_out += ",\"traceEvents\":[";
        metadata();
        for (const slice& s : m_slices.slices()) complete_event(s);
        timers();
        instants();
        m_out += "\n]}\n";
        return std::move(m_out);
    }

private:
    /// Starts the next element of traceEvents.
    json_object next_event() {
        m_out += m_first ? "\n" : ",\n";
        m_first = false;
        return json_object(m_out);
    }

    [[nodiscard]] std::string_view text(string_id id) const { return m_trace.strings[id]; }
    [[nodiscard]] std::string label(task_id id) const { return id ? m_trace.task_label(id) : "the loop"; }

    [[nodiscard]] json other_data() const {
        json parameters = json::object();
        for (const auto& [name, value] : m_trace.origin.parameters) parameters[name] = value;
        const program_run& run = m_trace.origin.program;
        json program = run.path.empty() ? json(nullptr)
                                        : json{{"path", run.path},
                                               {"arguments", run.args},
                                               {"seed", run.seed},
                                               {"python", run.python_version},
                                               {"source", run.source}};
        return {{"scenario", m_trace.origin.scenario},
                {"program", program},
                {"parameters", parameters},
                {"clock", "virtual"},
                {"time_axis",
                 "ts = virtual time in µs, moved later where needed so that each event is 1 µs "
                 "after the previous; args.t is the true virtual time in seconds"},
                {"events", m_trace.size()},
                {"stopped_early", m_trace.stopped_early}};
    }

    void metadata() {
        std::string process =
            "Loopscope: " + (m_trace.origin.scenario.empty() ? "recorded program" : m_trace.origin.scenario);
        for (const auto& [name, value] : m_trace.origin.parameters) process += fmt::format(" {}={}", name, value);
        next_event()
            .field("ph", "M")
            .field("pid", pid)
            .field("name", "process_name")
            .object("args")
            .field("name", process);
        lane_names(loop_lane, "event loop");
        for (const task_record& task : m_trace.tasks) lane_names(task.id, m_trace.task_label(task.id));
    }

    void lane_names(std::uint32_t lane, std::string_view name) {
        next_event()
            .field("ph", "M")
            .field("pid", pid)
            .field("tid", lane)
            .field("name", "thread_name")
            .object("args")
            .field("name", name);
        next_event()
            .field("ph", "M")
            .field("pid", pid)
            .field("tid", lane)
            .field("name", "thread_sort_index")
            .object("args")
            .field("sort_index", lane);
    }

    void complete_event(const slice& s) {
        json_object e = next_event();
        e.field("ph", "X").field("pid", pid).field("tid", s.lane).field("ts", s.start).field("dur", s.end - s.start);
        e.field("name", slice_name(s)).field("cat", category(s.kind));
        if (s.bind_id) e.field("bind_id", s.bind_id).field(s.flow_in ? "flow_in" : "flow_out", true);
        json_object args = e.object("args");
        args.field("t", drawn_time(m_trace, s.first_event)).field("event", s.first_event);
        slice_args(s, args);
        if (s.unfinished) args.field("unfinished", true);
    }

    [[nodiscard]] std::string slice_name(const slice& s) const {
        const event& e = m_trace[s.first_event];
        switch (s.kind) {
            case slice_kind::task: return m_trace.task_label(s.lane);
            case slice_kind::scheduled: return "scheduled";
            case slice_kind::running: return "running";
            case slice_kind::waiting: return e.a ? fmt::format("waiting {}", text(e.a)) : "waiting";
            case slice_kind::blocked: return "blocked";
            case slice_kind::iteration: return "iteration";
            case slice_kind::callback: return e.a ? std::string(text(e.a)) : "callback";
            case slice_kind::idle: return "idle";
            case slice_kind::spawn: return "spawn";
            case slice_kind::wake: return "wake";
            case slice_kind::call_soon: return "call_soon";
            case slice_kind::timer: return "timer";
            case slice_kind::cancel: return "cancel";
            case slice_kind::cancel_requested: return "cancel requested";
        }
        return "slice";
    }

    void slice_args(const slice& s, json_object& args) const {
        const event& e = m_trace[s.first_event];
        switch (s.kind) {
            case slice_kind::task: {
                args.field("parent", label(m_trace.tasks[s.lane - 1].parent));
                if (s.unfinished) break;
                const event& last = m_trace[s.last_event];
                auto outcome = step_outcome(last.sub);
                args.field("outcome", to_string(outcome));
                args.field(outcome == step_outcome::done ? "result" : "exception", text(last.a));
                break;
            }
            case slice_kind::scheduled:
                // Opened by task_scheduled, or by the end of a step that yielded.
                if (e.kind != event_kind::task_scheduled) {
                    args.field("reason", to_string(schedule_reason::yielded));
                    break;
                }
                args.field("reason", to_string(schedule_reason(e.sub)));
                if (e.a) args.field("cause", text(e.a));
                break;
            case slice_kind::blocked:
            case slice_kind::idle: args.field("to", m_trace.time_at(s.first_event)); break;
            case slice_kind::iteration: args.field("iteration", m_trace.iteration_at(s.first_event)); break;
            case slice_kind::spawn:
            case slice_kind::wake:
                args.field("task", label(e.task));
                if (e.a) args.field("cause", text(e.a));
                break;
            case slice_kind::call_soon: args.field("callback", text(e.a)); break;
            case slice_kind::timer: args.field("callback", text(e.a)).field("due", e.when()); break;
            case slice_kind::cancel:
            case slice_kind::cancel_requested:
                args.field("task", label(e.task)).field("by", label(e.b()));
                if (e.a) args.field("message", text(e.a));
                break;
            case slice_kind::running:
            case slice_kind::waiting:
            case slice_kind::callback: break;
        }
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
            std::string id = fmt::format("timer-{}", timer.armed);
            {
                json_object b = next_event();
                timer_fields(b, "b", armed, id, m_slices.ts(timer.armed));
                b.object("args").field("due", armed.when()).field("handle", armed.handle).field("event", timer.armed);
            }
            json_object e = next_event();
            timer_fields(e, "e", armed, id, m_slices.ts(timer.unfinished ? m_trace.size() : timer.ended));
            json_object args = e.object("args");
            if (timer.unfinished)
                args.field("unfinished", true);
            else
                args.field("outcome", timer.fired ? "fired" : "cancelled");
        }
    }

    void timer_fields(json_object& e, std::string_view phase, const event& armed, std::string_view id,
                      microseconds ts) const {
        e.field("ph", phase).field("pid", pid).field("tid", loop_lane).field("cat", "timer");
        e.field("name", text(armed.a)).field("ts", ts).object("id2").field("local", id);
    }

    void instants() {
        for (std::size_t k = 0; k < m_trace.size(); ++k) {
            const event& e = m_trace[k];
            if (e.kind == event_kind::output)
                instant(e.task, k, text(e.a), "output", {"at", where(e.b())});
            else if (e.kind == event_kind::task_renamed)
                instant(e.task, k, fmt::format("renamed to {}", text(e.a)), "task");
            else if (e.kind == event_kind::object_state)  // on the loop's lane: the holder is not who changed it
                instant(loop_lane, k, fmt::format("{}: {}", text(e.a), e.b() ? text(e.b()) : "gone"), "object");
        }
        for (const lint& l : find_lints(m_trace))
            instant(l.task, l.event, fmt::format("lint: {}", to_string(l.kind)), "lint", {"message", l.message});
    }

    /// An instant on a task's lane, or on the whole process for the loop.
    void instant(task_id task, std::size_t k, std::string_view name, std::string_view category,
                 std::pair<std::string_view, std::string_view> extra_arg = {}) {
        std::uint32_t lane = task <= m_trace.tasks.size() ? task : loop_lane;
        json_object e = next_event();
        e.field("ph", "i").field("s", lane == loop_lane ? "p" : "t").field("pid", pid).field("tid", lane);
        e.field("ts", m_slices.ts(k)).field("name", name).field("cat", category);
        json_object args = e.object("args");
        args.field("t", m_trace.time_at(k)).field("event", k);
        if (!extra_arg.first.empty()) args.field(extra_arg.first, extra_arg.second);
    }

    /// "countdown.cpp:12 (countdown)" for a location, "" for none.
    [[nodiscard]] std::string where(location_id id) const {
        if (id == 0 || id >= m_trace.locations.size()) return "";
        const location& at = m_trace.locations[id];
        return fmt::format("{}:{} ({})", std::filesystem::path(text(at.file)).filename().string(), at.line,
                           text(at.function));
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
