#include "loopscope/sim/lint.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "loopscope/sim/task_status.hpp"

namespace loopscope::sim {

std::string_view to_string(lint_kind k) noexcept {
    switch (k) {
        case lint_kind::never_awaited: return "never awaited";
        case lint_kind::exception_never_retrieved: return "exception never retrieved";
        case lint_kind::blocking_call: return "blocking call";
        case lint_kind::deadlock: return "deadlock";
        case lint_kind::pending_at_exit: return "pending at exit";
        case lint_kind::pending_at_close: return "pending at close";
        case lint_kind::loop_error: return "loop error";
    }
    return "lint";
}

namespace {

constexpr std::string_view never_retrieved = "Task exception was never retrieved";

/// Follows each task's state through the trace, for the pending-task lints.
struct state_tracker {
    std::vector<task_status> states;
    std::vector<string_id> awaiting;

    void apply(const event& e) {
        if (e.kind == event_kind::task_created) {
            states.resize(std::max<std::size_t>(states.size(), e.task), task_status::created);
            awaiting.resize(states.size(), 0);
        }
        if (e.task == 0 || e.task > states.size()) return;
        if (e.kind == event_kind::step_end) {
            states[e.task - 1] = state_after(step_outcome(e.sub));
            awaiting[e.task - 1] = e.a;
        }
    }

    void report_pending(const trace& t, std::size_t at, lint_kind kind, std::vector<lint>& out,
                        std::string_view why) const {
        for (std::size_t i = 0; i < states.size(); ++i) {
            if (is_terminal(states[i])) continue;
            auto id = task_id(i + 1);
            std::string what = states[i] == task_status::waiting && awaiting[i]
                                   ? fmt::format(" (waiting on {})", t.strings[awaiting[i]])
                                   : std::string();
            out.push_back({at, kind, id, fmt::format("{} was still pending{} {}", t.task_label(id), what, why)});
        }
    }
};

}  // namespace

std::vector<lint> find_lints(const trace& t) {
    std::vector<lint> lints;
    state_tracker tracker;
    bool main_returned = false;
    task_id running = 0;
    for (std::size_t k = 0; k < t.size(); ++k) {
        const event& e = t[k];
        tracker.apply(e);
        switch (e.kind) {
            case event_kind::step_begin: running = e.task; break;
            case event_kind::step_end:
                running = 0;
                // Task-1 is main(): when it finishes, asyncio.run cancels whatever is left.
                if (e.task == 1 && !main_returned && is_terminal(tracker.states[0])) {
                    main_returned = true;
                    tracker.report_pending(t, k, lint_kind::pending_at_exit, lints,
                                           "when main() returned; asyncio.run cancelled it (await it, or "
                                           "gather it, to let it finish)");
                }
                break;
            case event_kind::never_awaited:
                lints.push_back({k, lint_kind::never_awaited, running,
                                 fmt::format("coroutine '{}' was never awaited: calling an async function only "
                                             "creates a coroutine object; nothing runs until it is awaited",
                                             t.strings[e.a])});
                break;
            case event_kind::clock_advanced:
                if (e.sub)
                    lints.push_back({k, lint_kind::blocking_call, e.task,
                                     fmt::format("{} blocked the loop for {:.3f} s: a blocking call inside a "
                                                 "coroutine stops every other task (use await asyncio.sleep)",
                                                 t.task_label(e.task), t.time_at(k) - e.when())});
                break;
            case event_kind::deadlock:
                lints.push_back({k, lint_kind::deadlock, 0, std::string(t.strings[e.a])});
                break;
            case event_kind::error: {
                std::string_view message = t.strings[e.a];
                if (message.starts_with(never_retrieved))
                    lints.push_back({k, lint_kind::exception_never_retrieved, e.task,
                                     fmt::format("{}: exception was never retrieved{}", t.task_label(e.task),
                                                 message.substr(never_retrieved.size()))});
                else
                    lints.push_back({k, lint_kind::loop_error, e.task, std::string(message)});
                break;
            }
            default: break;
        }
    }
    if (!t.empty())
        tracker.report_pending(t, t.size() - 1, lint_kind::pending_at_close, lints,
                               t.stopped_early.empty() ? "when the loop closed"
                                                       : "when the run stopped (" + t.stopped_early + ")");
    return lints;
}

}  // namespace loopscope::sim
