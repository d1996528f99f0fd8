// Cancellation storm, a property test: every built-in scenario is re-run with
// "cancel task X at event k" (run.hpp's what-if) for each event k of its
// default run and each task X live at k. Every run must end with every task
// in a terminal state, stop on its own (not on the budget that bounds it), and
// keep the loop's invariants (loop_invariants.hpp), checked by replaying its
// trace with loop_state.
//
// Which tasks may end pending: none. Every scenario that catches
// CancelledError either re-raises it or ends (main() catching it around
// `await server` just returns), and asyncio.run cancels whatever main() left
// behind, so a pending task at the end would be a runtime bug, not a
// scenario that legitimately swallows cancellation (the lint pending_at_close
// exists for user programs that do; test_faults covers that case).
//
// Sampling: a scenario whose default run has at most `every_event_limit`
// events is cancelled at every event; a longer one at `sampled_events`
// evenly spaced events (always including the first and the last), so the
// whole storm stays well under a minute in a Debug build. Today every default
// run is short enough to be cancelled at every event: 19 scenarios, 2,138
// positions, 6,861 runs, about 10 s in Debug and 50 s under ASan + UBSan.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "loop_invariants.hpp"
#include "loopscope/sim/playback.hpp"
#include "loopscope/sim/run.hpp"

using namespace loopscope;
using namespace loopscope::sim;

namespace {

constexpr std::size_t every_event_limit = 600;
constexpr std::size_t sampled_events = 400;

/// The events of a default run of `size` events at which the storm cancels.
std::vector<std::size_t> storm_positions(std::size_t size) {
    std::vector<std::size_t> positions;
    if (size <= every_event_limit) {
        for (std::size_t k = 0; k < size; ++k) positions.push_back(k);
        return positions;
    }
    for (std::size_t i = 0; i < sampled_events; ++i) positions.push_back(i * (size - 1) / (sampled_events - 1));
    return positions;
}

/// The tasks a run left pending, as "Task-3 producer() (waiting on queue.get)".
std::vector<std::string> pending_at_end(const trace& t) {
    playback p(t);
    const loop_state& end = p.state_at(p.size());
    std::vector<std::string> pending;
    for (std::size_t i = 0; i < end.tasks.size(); ++i) {
        const task_view& task = end.tasks[i];
        if (is_terminal(task.state)) continue;
        pending.push_back(fmt::format("{} ({} {})", t.task_label(task_id(i + 1)), to_string(task.state),
                                      t.strings[task.detail]));
    }
    return pending;
}

/// Generous bounds: a cancelled run does less than the default run, never many times more.
run_budget storm_budget(const trace& default_run) {
    double end_time = default_run.empty() ? 0.0 : default_run.time_at(default_run.size() - 1);
    return {.max_events = 4 * default_run.size() + 10'000, .max_time = 4 * end_time + 100};
}

struct storm_figures {
    std::size_t runs = 0;
    std::size_t positions = 0;
};

/// Cancels each task live at each storm position of `s`'s default run, checking every run.
storm_figures storm(const scenario& s) {
    const run_options defaults{parameter_values(s.parameters), {}, {}};
    const trace default_run = run_scenario(s, defaults);
    REQUIRE(default_run.stopped_early.empty());
    playback default_playback(default_run);
    storm_figures figures;
    for (std::size_t k : storm_positions(default_run.size())) {
        ++figures.positions;
        std::vector<task_id> live;
        const loop_state& at_k = default_playback.state_at(k);
        for (std::size_t i = 0; i < at_k.tasks.size(); ++i)
            if (!is_terminal(at_k.tasks[i].state)) live.push_back(task_id(i + 1));
        for (task_id victim : live) {
            ++figures.runs;
            run_options what_if{defaults.parameters, storm_budget(default_run), {{k, victim}}};
            const trace t = run_scenario(s, what_if);
            INFO(fmt::format("{}: cancel Task-{} at event {} of {}", s.id, victim, k, default_run.size()));
            REQUIRE(t.stopped_early == "");
            REQUIRE(pending_at_end(t) == std::vector<std::string>{});
            REQUIRE(first_invariant_break(t) == "");
        }
    }
    return figures;
}

}  // namespace

TEST_CASE("cancelling any live task at any event of any scenario ends every task and keeps the loop's invariants",
          "[run][playback]") {
    storm_figures total;
    for (const scenario& s : all_scenarios()) {
        storm_figures figures = storm(s);
        fmt::print("cancellation storm: {:<26} {:>5} positions, {:>6} runs\n", s.id, figures.positions, figures.runs);
        total.runs += figures.runs;
        total.positions += figures.positions;
    }
    fmt::print("cancellation storm: {} scenarios, {} positions, {} runs\n", all_scenarios().size(), total.positions,
               total.runs);
    CHECK(total.runs > 1000);
}

TEST_CASE("the storm cancels at every event of a short run and at evenly spaced events of a long one", "[run]") {
    CHECK(storm_positions(3) == std::vector<std::size_t>{0, 1, 2});
    std::vector<std::size_t> sampled = storm_positions(100'000);
    REQUIRE(sampled.size() == sampled_events);
    CHECK(sampled.front() == 0);
    CHECK(sampled.back() == 99'999);
    CHECK(std::is_sorted(sampled.begin(), sampled.end()));
}

TEST_CASE("the invariant checker finds a task that is in the ready queue twice", "[playback]") {
    trace t;
    t.tasks.push_back({.id = 1, .name = t.strings.intern("Task-1")});
    t.push_back({.kind = event_kind::task_created, .task = 1});
    t.push_back({.kind = event_kind::task_scheduled, .task = 1, .handle = 1});
    t.push_back({.kind = event_kind::task_scheduled, .task = 1, .handle = 2});
    CHECK(first_invariant_break(t) == "event 2 (task_scheduled): Task-1 is in the ready queue twice");
}

TEST_CASE("the invariant checker finds a task that runs after it ended", "[playback]") {
    trace t;
    t.tasks.push_back({.id = 1, .name = t.strings.intern("Task-1")});
    t.push_back({.kind = event_kind::task_created, .task = 1});
    t.push_back({.kind = event_kind::task_scheduled, .task = 1, .handle = 1});
    t.push_back({.kind = event_kind::step_begin, .task = 1, .handle = 1});
    t.push_back({.kind = event_kind::step_end, .sub = std::uint8_t(step_outcome::done), .task = 1});
    t.push_back({.kind = event_kind::step_begin, .task = 1, .handle = 1});
    CHECK(first_invariant_break(t) == "event 4 (step_begin): Task-1 already ended done");
}

// Regressions the storm found.

TEST_CASE("a timer cancelled behind the head of the timer heap is skipped when it falls due, not run",
          "[event_loop]") {
    event_loop loop;
    std::vector<std::string> ran;
    loop.call_later(1, [&] { ran.push_back("first"); });
    timer_handle second = loop.call_later(1, [&] { ran.push_back("second"); });
    second.cancel();  // not the head of the heap: it stays there until it falls due
    loop.run_once();
    CHECK(ran == std::vector<std::string>{"first"});
    CHECK(second.cancelled());
}

namespace {

/// The event after which `task`'s first step ends waiting.
std::size_t first_wait(const trace& t, task_id task) {
    for (std::size_t k = 0; k < t.size(); ++k)
        if (t[k].kind == event_kind::step_end && t[k].task == task && t[k].sub == std::uint8_t(step_outcome::waiting))
            return k;
    FAIL("Task-" << task << " never waits");
    return 0;
}

/// The event at which `task` ended.
std::size_t end_of(const trace& t, task_id task) {
    for (std::size_t k = 0; k < t.size(); ++k)
        if (t[k].kind == event_kind::step_end && t[k].task == task && is_terminal(state_after(step_outcome(t[k].sub))))
            return k;
    FAIL("Task-" << task << " never ends");
    return 0;
}

}  // namespace

TEST_CASE("tasks that outlive a cancelled main() still use the queue, semaphore or event it shared with them",
          "[scenario]") {
    // main() made these objects; a task it left behind uses them while asyncio.run cancels it.
    struct outliving_case {
        std::string_view scenario;
        task_id cancelled;  ///< cancelled at its first wait
    };
    auto [scenario_id, cancelled] = GENERATE(values<outliving_case>({
        {"producer_consumer", 1},  // the consumers wait on the queue
        {"semaphore_fetch", 2},    // gather fails at once; the other downloads hold the semaphore
        {"event_broadcast", 1},    // the waiters wait on the event
        {"echo_server", 1},        // the server waits on the listener queue
    }));
    const scenario* s = find_scenario(scenario_id);
    REQUIRE(s);
    run_options options{parameter_values(s->parameters), {}, {}};
    const trace default_run = run_scenario(*s, options);
    options.cancels = {{first_wait(default_run, cancelled), cancelled}};
    const trace t = run_scenario(*s, options);
    INFO(scenario_id);
    bool some_task_outlived_main = false;
    for (task_id id = 2; id <= t.tasks.size(); ++id) some_task_outlived_main |= end_of(t, id) > end_of(t, 1);
    CHECK(some_task_outlived_main);
    CHECK(pending_at_end(t) == std::vector<std::string>{});
    CHECK(first_invariant_break(t) == "");
}
