#include "loopscope/sim/event_caption.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "loopscope/sim/python_words.hpp"
#include "loopscope/sim/task_label.hpp"

// [SECTION] words    — lines, times, timers, handles
// [SECTION] looking around — the step or iteration an event belongs to
// [SECTION] captions — one function per group of event kinds
// [SECTION] describe_event

namespace loopscope::sim {

namespace {

// [SECTION] words

/// A caption looks at most this far for the start of its step or the end of
/// its iteration: enough for any step a person steps through, bounded for a
/// trace of millions of events.
constexpr std::size_t scan_limit = std::size_t{1} << 16;

std::string time_words(double t) { return fmt::format("t={:.3f}", t); }

/// "1st", "2nd", "3rd", "4th", ..., "11th", "12th", "13th", "21st".
std::string ordinal(std::size_t n) {
    std::string_view suffix = "th";
    if (n % 100 < 11 || n % 100 > 13) {
        if (n % 10 == 1) suffix = "st";
        if (n % 10 == 2) suffix = "nd";
        if (n % 10 == 3) suffix = "rd";
    }
    return fmt::format("{}{}", n, suffix);
}

/// "line 8" (the Python listing's when it has the line), "line 12 of the C++
/// listing", "main.cpp:12", or "" for no location.
std::string line_words(const playback& p, location_id at) {
    const trace& t = p.source();
    if (at == 0 || at >= t.locations.size()) return {};
    if (std::uint32_t line = p.python_line(at)) return fmt::format("line {}", line);
    if (std::uint32_t line = p.cpp_line(at))
        return t.origin.python_listing.empty() ? fmt::format("line {}", line)
                                               : fmt::format("line {} of the C++ listing", line);
    // Outside the listing: inside the runtime (asyncio.run) for a scenario, the user's file for a recorded program.
    if (!t.origin.python_listing.empty()) return {};
    const location& l = t.locations[at];
    std::string_view file = t.strings[l.file];
    if (auto slash = file.find_last_of("/\\"); slash != std::string_view::npos) file.remove_prefix(slash + 1);
    return file.empty() ? fmt::format("line {}", l.line) : fmt::format("{}:{}", file, l.line);
}

/// " at line 8", or "" when there is no line.
std::string at_line(const playback& p, location_id at) {
    std::string line = line_words(p, at);
    return line.empty() ? line : " at " + line;
}

/// A timer by what it is for: "the timer of Task-2's sleep(1)", "the timer
/// 'wait_for: timeout' of Task-1".
std::string timer_words(const trace& t, std::string_view what, task_id armed_by) {
    constexpr std::string_view prefix = "timer: ";
    if (what.starts_with(prefix)) {
        what.remove_prefix(prefix.size());
        if (armed_by) return fmt::format("the timer of {}'s {}", task_name_label(t, armed_by), what);
        return fmt::format("the timer of {}", what);
    }
    if (what.empty()) return armed_by ? fmt::format("a timer of {}", task_name_label(t, armed_by)) : "a timer";
    if (armed_by) return fmt::format("the timer '{}' of {}", what, task_name_label(t, armed_by));
    return fmt::format("the timer '{}'", what);
}

/// What a ready-queue entry is: a task's step, a due timer's callback, or a callback.
std::string handle_words(const trace& t, const loop_handle& h) {
    std::string_view what = t.strings[h.what];
    if (h.task) return fmt::format("{}'s next step", task_name_label(t, h.task));
    if (h.armed_by || what.starts_with("timer: ")) return timer_words(t, what, h.armed_by);
    return what.empty() ? std::string("a callback") : std::string(what);
}

/// The entry for `handle` in the ready queue, or nullptr.
const loop_handle* find_ready(const loop_state& s, std::uint32_t handle) {
    auto it = std::find_if(s.ready.begin(), s.ready.end(), [&](const loop_handle& h) { return h.handle == handle; });
    return it == s.ready.end() ? nullptr : &*it;
}

/// The entry for `handle` in the timer heap, or nullptr.
const loop_handle* find_timer(const loop_state& s, std::uint32_t handle) {
    auto it = std::find_if(s.timers.begin(), s.timers.end(), [&](const loop_handle& h) { return h.handle == handle; });
    return it == s.timers.end() ? nullptr : &*it;
}

/// "1 ready handle", "2 ready handles", "no handle".
std::string handles(std::size_t n) {
    if (n == 0) return "no handle";
    return fmt::format("{} ready handle{}", n, n == 1 ? "" : "s");
}

// [SECTION] looking around

/// The index of the event that began the step or callback ending at event
/// `end` (kind `begin_kind`, same task or handle), or `end` when not found.
std::size_t begin_of(const trace& t, std::size_t end, event_kind begin_kind) {
    const event& last = t[end];
    for (std::size_t k = end, seen = 0; k-- > 0 && seen < scan_limit; ++seen) {
        const event& e = t[k];
        if (e.kind == begin_kind &&
            (begin_kind == event_kind::step_begin ? e.task == last.task : e.handle == last.handle))
            return k;
    }
    return end;
}

/// Whether cancel() was called on `task` since its last step ended, before event `before`.
bool cancel_pending(const trace& t, std::size_t before, task_id task) {
    for (std::size_t k = before, seen = 0; k-- > 0 && seen < scan_limit; ++seen) {
        const event& e = t[k];
        if (e.task != task) continue;
        if (e.kind == event_kind::cancel_requested) return true;
        if (e.kind == event_kind::step_end || e.kind == event_kind::task_created) return false;
    }
    return false;
}

/// What one loop iteration does, read ahead from its iteration_begin.
struct iteration_summary {
    std::size_t ran = 0;      ///< task steps and callbacks
    std::size_t skipped = 0;  ///< cancelled handles popped without running
    bool polled = false;      ///< the clock jumped to the next timer
    double polled_to = 0;
};

iteration_summary summarise_iteration(const trace& t, std::size_t begin) {
    iteration_summary s;
    for (std::size_t k = begin + 1; k < t.size() && k - begin < scan_limit; ++k) {
        const event& e = t[k];
        if (e.kind == event_kind::iteration_end || e.kind == event_kind::iteration_begin) break;
        if (e.kind == event_kind::step_begin || e.kind == event_kind::callback_begin) ++s.ran;
        if (e.kind == event_kind::handle_skipped) ++s.skipped;
        if (e.kind == event_kind::clock_advanced && !e.sub && s.ran == 0) {
            s.polled = true;
            s.polled_to = t.time_at(k);
        }
    }
    return s;
}

// [SECTION] captions

struct context {
    playback& p;
    const trace& t;
    const loop_state& before;  ///< the state just before the event
    const event& e;
    std::size_t index;  ///< the event's index: position - 1

    [[nodiscard]] std::string name(task_id id) const { return task_name_label(t, id); }
    [[nodiscard]] std::string coroutine(task_id id) const { return task_coroutine_label(t, id); }
    [[nodiscard]] std::string text(string_id id) const { return listing_words(t, t.strings[id]); }
    [[nodiscard]] const task_view* task_before(task_id id) const {
        return id >= 1 && id <= before.tasks.size() ? &before.tasks[id - 1] : nullptr;
    }
    /// "Task-2", or "a callback (handle 8)" / "the loop" when no task runs.
    [[nodiscard]] std::string actor(task_id id) const {
        if (id) return name(id);
        if (before.running) return name(before.running);
        if (before.running_callback) return fmt::format("a callback (handle {})", before.running_callback);
        return "the loop";
    }
};

std::string task_created(const context& c) {
    const task_id id = c.e.task;
    creation_site site = c.p.created_from(id);
    std::string where;
    if (site.through) where += fmt::format(" for {}", c.t.strings[site.through]);
    where += at_line(c.p, site.at);
    if (c.e.a) return fmt::format("{} creates {}{}", c.name(c.e.a), c.coroutine(id), where);
    if (!c.t.origin.python_listing.empty() && c.before.phase == loop_phase::not_started)
        return fmt::format("asyncio.run(main()) creates {}{}, the main task", c.coroutine(id), where);
    return fmt::format("{} creates {}{}", c.actor(0), c.coroutine(id), where);
}

std::string task_scheduled(const context& c) {
    const std::string who = c.name(c.e.task);
    const std::string slot = fmt::format("(handle {}, {} in line)", c.e.handle, ordinal(c.before.ready.size() + 1));
    switch (schedule_reason(c.e.sub)) {
        case schedule_reason::first_step:
            return fmt::format("{}'s first step joins the ready queue {}: its body has not started", who, slot);
        case schedule_reason::yielded:
            return fmt::format("{} yielded (sleep(0)): its next step joins the back of the ready queue {}", who, slot);
        case schedule_reason::woken: {
            std::string cause = c.e.a ? fmt::format(" by {}", c.t.strings[c.e.a]) : std::string();
            // cancel() cancelled what it awaited: that is what woke it.
            if (c.e.a && cancel_pending(c.t, c.index, c.e.task))
                cause = fmt::format(": cancel() cancelled its {}", c.t.strings[c.e.a]);
            return fmt::format("{} is woken{}; its next step joins the ready queue {}", who, cause, slot);
        }
        case schedule_reason::retry_error:
            return fmt::format("{} awaited itself: its next step joins the ready queue {} to receive the error", who,
                               slot);
    }
    return fmt::format("{}'s next step joins the ready queue {}", who, slot);
}

std::string callback_begin(const context& c) {
    const loop_handle* h = find_ready(c.before, c.e.handle);
    std::string what = h ? handle_words(c.t, *h) : std::string(c.t.strings[c.e.a]);
    if (what.empty()) what = "a callback";
    return fmt::format("the loop runs a callback (handle {}): {}", c.e.handle, what);
}

std::string callback_end(const context& c) {
    std::size_t begin = begin_of(c.t, c.index, event_kind::callback_begin);
    std::vector<task_id> woken;
    for (std::size_t k = begin + 1; k < c.index; ++k) {
        const event& e = c.t[k];
        if (e.kind == event_kind::task_scheduled && std::find(woken.begin(), woken.end(), e.task) == woken.end())
            woken.push_back(e.task);
    }
    std::string text = fmt::format("the callback (handle {}) returns", c.e.handle);
    for (std::size_t i = 0; i < woken.size(); ++i)
        text += fmt::format("{}{}", i == 0 ? "; it woke " : i + 1 == woken.size() ? " and " : ", ", c.name(woken[i]));
    return text;
}

std::string step_begin(const context& c) {
    const task_id id = c.e.task;
    const task_view* task = c.task_before(id);
    const loop_handle* h = find_ready(c.before, c.e.handle);
    std::string_view cause = h ? c.t.strings[h->what] : std::string_view{};
    bool cancelled = cancel_pending(c.t, c.index, id);
    bool first = cause.empty() && (!task || task->line == 0) && (!task || task->detail == 0);
    std::string who = c.coroutine(id);
    if (first && cancelled)
        return fmt::format("{} runs (handle {}): its first step raises CancelledError before the body starts", who,
                           c.e.handle);
    if (first) return fmt::format("{} runs its first step (handle {}): the body starts", who, c.e.handle);
    std::string where = task ? at_line(c.p, task->line) : std::string();
    if (cancelled)
        return fmt::format("{} resumes{} (handle {}): CancelledError is raised at its await", who, where, c.e.handle);
    if (cause.empty())
        return fmt::format("{} resumes{} after yielding (handle {})", who, where, c.e.handle);
    return fmt::format("{} resumes{} after {} (handle {})", who, where, cause, c.e.handle);
}

std::string step_end(const context& c) {
    const task_id id = c.e.task;
    std::string who = c.coroutine(id);
    std::string detail = c.text(c.e.a);
    switch (step_outcome(c.e.sub)) {
        case step_outcome::waiting: {
            std::string text = fmt::format("{} suspends{} on {}", who, at_line(c.p, c.e.b()),
                                           detail.empty() ? std::string("a future") : detail);
            // The timer this step armed, if any: the last one between step_begin and here.
            std::size_t begin = begin_of(c.t, c.index, event_kind::step_begin);
            for (std::size_t k = c.index; k-- > begin + 1;) {
                const event& e = c.t[k];
                if (e.kind != event_kind::timer_armed) continue;
                std::string_view what = c.t.strings[e.a];
                if (what == "timer: " + std::string(c.t.strings[c.e.a]))
                    text += fmt::format("; its timer is due at {}", time_words(e.when()));
                else
                    text += fmt::format("; it armed {} (handle {}), due at {}", timer_words(c.t, what, 0), e.handle,
                                        time_words(e.when()));
                break;
            }
            return text;
        }
        case step_outcome::yielded:
            return fmt::format("{} yields{}{}: it goes to the back of the ready queue", who, at_line(c.p, c.e.b()),
                               detail.empty() ? std::string(" (sleep(0))") : " on " + detail);
        case step_outcome::done:
            return fmt::format("{} returns {}: the task is done", who, detail.empty() ? std::string("None") : detail);
        case step_outcome::failed:
            return fmt::format("{} fails with {}", who, detail.empty() ? std::string("an exception") : detail);
        case step_outcome::cancelled:
            return fmt::format("{} is cancelled: {} ended its step", who,
                               detail.empty() ? std::string("CancelledError") : detail);
    }
    return fmt::format("{}'s step ends", who);
}

std::string cancel_requested(const context& c) {
    const task_id id = c.e.task;
    std::string by;
    if (c.e.b())
        by = c.name(c.e.b());
    else if (c.before.running_callback)
        by = fmt::format("a callback (handle {})", c.before.running_callback);
    else if (!c.t.origin.python_listing.empty())
        by = "asyncio.run";
    else
        by = "the loop";
    std::string message = c.e.a ? fmt::format(" with message '{}'", c.t.strings[c.e.a]) : std::string();
    std::string effect;
    const task_view* task = c.task_before(id);
    switch (task ? task->state : task_status::created) {
        case task_status::waiting:
            effect = task->detail
                         ? fmt::format(": its await on {} will raise CancelledError", c.t.strings[task->detail])
                         : std::string(": its await will raise CancelledError");
            break;
        case task_status::scheduled: effect = ": its next step will raise CancelledError"; break;
        case task_status::running: effect = ": CancelledError will be raised at its next await"; break;
        default: break;
    }
    if (by == c.name(id)) return fmt::format("{} cancels itself{}{}", by, message, effect);
    return fmt::format("{} cancels {}{}{}", by, c.name(id), message, effect);
}

std::string iteration_begin(const context& c) {
    std::uint32_t n = c.t.iteration_at(c.index);
    iteration_summary s = summarise_iteration(c.t, c.index);
    std::string skipped = s.skipped ? fmt::format(" and skips {} cancelled", s.skipped) : std::string();
    if (s.polled)
        return fmt::format("iteration {}: nothing is ready, so the loop waits for the next timer ({}); "
                           "then it runs {}{}",
                           n, time_words(s.polled_to), handles(s.ran), skipped);
    return fmt::format("iteration {} runs {}{}", n, handles(s.ran), skipped);
}

std::string iteration_end(const context& c) {
    std::uint32_t n = c.t.iteration_at(c.index);
    std::size_t ready = c.before.ready.size();
    if (ready) {
        std::string waiting = ready == 1 ? std::string("1 handle waits") : fmt::format("{} handles wait", ready);
        return fmt::format("iteration {} ends; {} for iteration {}", n, waiting, n + 1);
    }
    if (!c.before.timers.empty())
        return fmt::format("iteration {} ends; nothing is ready, the next timer is due at {}", n,
                           time_words(c.before.timers.front().when));
    return fmt::format("iteration {} ends; nothing is ready and no timer is pending", n);
}

std::string clock_advanced(const context& c) {
    double from = c.e.when(), to = c.t.time_at(c.index);
    if (c.e.sub) {
        std::string who = c.e.task ? c.coroutine(c.e.task) : std::string("a step");
        return fmt::format("{} blocks the loop (time.sleep): the clock moves {:g} s, from {} to {}, and nothing else "
                           "can run meanwhile",
                           who, to - from, time_words(from), time_words(to));
    }
    return fmt::format("{}: the clock jumps {:g} s ahead to the next timer; nothing ran meanwhile", time_words(to),
                       to - from);
}

std::string timer_armed(const context& c) {
    std::string_view what = c.t.strings[c.e.a];
    task_id by = c.before.running;
    constexpr std::string_view prefix = "timer: ";
    if (what.starts_with(prefix) && by)
        return fmt::format("{}'s {} arms a timer (handle {}), due at {}", c.name(by), what.substr(prefix.size()),
                           c.e.handle, time_words(c.e.when()));
    return fmt::format("{} arms {} (handle {}), due at {}", c.actor(0), timer_words(c.t, what, 0), c.e.handle,
                       time_words(c.e.when()));
}

std::string timer_fired(const context& c) {
    const loop_handle* h = find_timer(c.before, c.e.handle);
    std::string timer = h ? timer_words(c.t, c.t.strings[h->what], h->armed_by) : fmt::format("timer {}", c.e.handle);
    return fmt::format("{}: {} is due; its callback joins the ready queue (handle {})",
                       time_words(c.t.time_at(c.index)), timer, c.e.handle);
}

std::string timer_cancelled(const context& c) {
    if (const loop_handle* h = find_timer(c.before, c.e.handle))
        return fmt::format("{} (handle {}) is cancelled: it will not fire",
                           timer_words(c.t, c.t.strings[h->what], h->armed_by), c.e.handle);
    if (const loop_handle* h = find_ready(c.before, c.e.handle))
        return fmt::format("{} (handle {}) is cancelled after it fell due: the loop will skip it",
                           handle_words(c.t, *h), c.e.handle);
    return fmt::format("the timer with handle {} is cancelled", c.e.handle);
}

std::string handle_skipped(const context& c) {
    const loop_handle* h = find_ready(c.before, c.e.handle);
    std::string what = h ? " (" + handle_words(c.t, *h) + ")" : std::string();
    return fmt::format("the loop skips handle {}{}: it was cancelled while it waited in the ready queue", c.e.handle,
                       what);
}

std::string output(const context& c) {
    return fmt::format("{} prints \"{}\"{}", c.actor(c.e.task), c.t.strings[c.e.a], at_line(c.p, c.e.b()));
}

std::string never_awaited(const context& c) {
    std::string where = line_words(c.p, c.e.b());
    return fmt::format("the coroutine {}{} is dropped without being awaited: its body never runs "
                       "(RuntimeWarning: coroutine was never awaited)",
                       c.t.strings[c.e.a], where.empty() ? where : ", created at " + where);
}

std::string deadlock(const context& c) {
    std::string waits = c.text(c.e.a);
    return fmt::format("deadlock: every task waits and nothing can wake them{}",
                       waits.empty() ? waits : " (" + waits + ")");
}

std::string await_frame(const context& c) {
    return fmt::format("{} is suspended in {}{}", c.name(c.e.task), c.text(c.e.a), at_line(c.p, c.e.b()));
}

std::string frame_local(const context& c) {
    return fmt::format("{}'s local {} = {}", c.name(c.e.task), c.text(c.e.a), c.text(c.e.b()));
}

std::string object_state(const context& c) {
    if (!c.e.b()) return fmt::format("{} is gone", c.text(c.e.a));
    const auto kind = object_kind(c.e.sub);
    const bool held = c.e.task && (kind == object_kind::lock || kind == object_kind::condition);
    return fmt::format("{} is now {}{}", c.text(c.e.a), c.text(c.e.b()),
                       held ? fmt::format(" by {}", c.name(c.e.task)) : std::string());
}

std::string error(const context& c) {
    std::string who = c.e.task ? fmt::format(" about {}", c.name(c.e.task)) : std::string();
    return fmt::format("the loop reports an error{}: {}", who, c.text(c.e.a));
}

}  // namespace

// [SECTION] describe_event

std::string describe_event(playback& p, std::size_t position) {
    const trace& t = p.source();
    position = std::min(position, t.size());
    if (position == 0) {
        if (t.empty()) return "Nothing has run: the trace is empty";
        return t.origin.python_listing.empty() ? "Nothing has run yet: the loop has not started"
                                               : "Nothing has run yet: the loop starts with asyncio.run(main())";
    }
    const std::size_t index = position - 1;
    const context c{p, t, p.state_at(index), t[index], index};
    switch (c.e.kind) {
        case event_kind::task_created: return task_created(c);
        case event_kind::task_renamed:
            return fmt::format("Task-{}'s name is set to '{}'", c.e.task, t.strings[c.e.a]);
        case event_kind::task_scheduled: return task_scheduled(c);
        case event_kind::callback_scheduled: {
            std::string what(t.strings[c.e.a]);
            return fmt::format("{} schedules a callback (handle {}, {} in line){}", c.actor(0), c.e.handle,
                               ordinal(c.before.ready.size() + 1), what.empty() ? what : ": " + what);
        }
        case event_kind::handle_skipped: return handle_skipped(c);
        case event_kind::callback_begin: return callback_begin(c);
        case event_kind::callback_end: return callback_end(c);
        case event_kind::step_begin: return step_begin(c);
        case event_kind::step_end: return step_end(c);
        case event_kind::cancel_requested: return cancel_requested(c);
        case event_kind::iteration_begin: return iteration_begin(c);
        case event_kind::iteration_end: return iteration_end(c);
        case event_kind::clock_advanced: return clock_advanced(c);
        case event_kind::timer_armed: return timer_armed(c);
        case event_kind::timer_fired: return timer_fired(c);
        case event_kind::timer_cancelled: return timer_cancelled(c);
        case event_kind::output: return output(c);
        case event_kind::never_awaited: return never_awaited(c);
        case event_kind::deadlock: return deadlock(c);
        case event_kind::error: return error(c);
        case event_kind::await_frame: return await_frame(c);
        case event_kind::frame_local: return frame_local(c);
        case event_kind::object_state: return object_state(c);
    }
    return fmt::format("event {}: {}", index, to_string(c.e.kind));
}

}  // namespace loopscope::sim
