// Faults in user code: hooks, callbacks and coroutines that throw, swallow
// cancellation or wait on themselves. Each is reported the way Python would
// report it (or named on the timeline), and the loop never crashes.
#include <catch2/catch.hpp>

#include <array>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "loop_invariants.hpp"
#include "loopscope/core.hpp"
#include "loopscope/sim/lint.hpp"
#include "loopscope/sim/playback.hpp"
#include "loopscope/sim/recorder.hpp"
#include "loopscope/sim/run.hpp"

using namespace loopscope;
using namespace loopscope::sim;

namespace {

/// One run of a program of our own on a fresh loop, recorded.
struct recorded_run {
    trace t;
    std::vector<std::string> printed;
    std::vector<std::string> reported;  ///< what the exception handler received: "message: exception"
    std::string escaped;                ///< what loop.run() threw, as Python names it ("" when it returned)
};

struct record_options {
    run_budget budget{};
    instrument* also_attached = nullptr;  ///< attached after the recorder
};

template <class Program>
recorded_run record(Program program, record_options options = {}) {
    recorded_run run;
    {
        event_loop loop;
        loop.set_output([&](std::string_view line) { run.printed.emplace_back(line); });
        loop.set_exception_handler([&](const loop_error& e) {
            run.reported.push_back(e.exception ? e.message + ": " + describe_exception(e.exception) : e.message);
        });
        recorder rec(loop, run.t, options.budget);
        if (options.also_attached) loop.attach(*options.also_attached);
        try {
            loop.run(program());
        } catch (...) {
            run.escaped = python_exception(std::current_exception());
        }
        if (options.also_attached) loop.detach(*options.also_attached);
    }
    return run;
}

/// The state each task ended in, "Task-2 failed: std::runtime_error: cleanup failed".
std::vector<std::string> task_endings(const trace& t) {
    playback p(t);
    const loop_state& end = p.state_at(p.size());
    std::vector<std::string> endings;
    for (std::size_t i = 0; i < end.tasks.size(); ++i) {
        std::string ending = std::string(t.strings[t.tasks[i].name]) + " " + std::string(to_string(end.tasks[i].state));
        if (end.tasks[i].detail) ending += ": " + std::string(t.strings[end.tasks[i].detail]);
        endings.push_back(ending);
    }
    return endings;
}

std::vector<std::string> lint_messages(const trace& t, lint_kind kind) {
    std::vector<std::string> messages;
    for (const lint& l : find_lints(t))
        if (l.kind == kind) messages.push_back(l.message);
    return messages;
}

coro<> sleep_between_prints() {
    out("before");
    co_await sleep(1);
    out("after");
}

coro<> quick() { co_return; }

coro<> awaits_a_task_with_a_failing_done_callback() {
    task<> t = create_task(quick());
    t.add_done_callback([](future_base&) { throw std::runtime_error("callback failed"); });
    co_await t;
    co_await sleep(0);  // the done callback runs in the iteration after the task ended
    out("main goes on");
}

coro<> fails_while_cancelled() {
    try {
        co_await sleep(10);
    } catch (const cancelled_error&) {
        throw std::runtime_error("cleanup failed");
    }
}

coro<> cancels_a_task_that_fails_while_cancelled() {
    task<> t = create_task(fails_while_cancelled());
    co_await sleep(1);
    t.cancel();
    try {
        co_await t;
    } catch (const std::runtime_error& e) {
        out("main caught", e.what());
    }
}

coro<> leaves_a_task_that_fails_while_cancelled() {
    (void)create_task(fails_while_cancelled());
    co_await sleep(1);
}

coro<> swallows_cancellation(double seconds) {
    while (true) {
        try {
            co_await sleep(seconds);
        } catch (const cancelled_error&) {
            out("swallowed");
        }
    }
}

coro<> leaves_a_task_that_sleeps_through_cancellation() {
    (void)create_task(swallows_cancellation(1));
    co_await sleep(0.5);
}

coro<> leaves_a_task_that_yields_through_cancellation() {
    (void)create_task(swallows_cancellation(0));
    co_await sleep(0);
}

coro<> awaits_itself() { co_await current_task(); }

coro<> awaits_a_task_that_awaits_itself() {
    task<> t = create_task(awaits_itself());
    try {
        co_await t;
    } catch (const std::runtime_error& e) {
        out("main caught", e.what());
    }
}

using task_pair = std::array<any_task, 2>;

coro<> awaits_the_other(std::shared_ptr<task_pair> pair, int other) { co_await (*pair)[other]; }

coro<> awaits_two_tasks_that_await_each_other() {
    auto pair = std::make_shared<task_pair>();
    (*pair)[0] = create_task(awaits_the_other(pair, 1));
    (*pair)[1] = create_task(awaits_the_other(pair, 0));
    co_await (*pair)[0];
}

}  // namespace

TEST_CASE("an instrument that throws is detached, reported on the timeline, and the run goes on", "[instrument][recorder]") {
    struct throwing_instrument final : instrument {
        int calls = 0;
        void on_step_end(const step_end_info&) override {
            ++calls;
            throw std::runtime_error("hook failed");
        }
    } throwing;
    recorded_run run = record(sleep_between_prints, {.also_attached = &throwing});
    CHECK(throwing.calls == 1);
    CHECK(run.reported == std::vector<std::string>{"An instrument raised and was detached: std::runtime_error: hook failed"});
    CHECK(run.printed == std::vector<std::string>{"before", "after"});
    CHECK(run.escaped == "");
    CHECK(lint_messages(run.t, lint_kind::loop_error) ==
          std::vector<std::string>{"An instrument raised and was detached: std::runtime_error: hook failed"});
    CHECK(task_endings(run.t) == std::vector<std::string>{"Task-1 done: None"});
}

TEST_CASE("a done callback that throws is reported through the exception handler and the loop goes on",
          "[future][recorder]") {
    recorded_run run = record(awaits_a_task_with_a_failing_done_callback);
    CHECK(run.reported == std::vector<std::string>{"Exception in callback done callback: std::runtime_error: callback failed"});
    CHECK(run.printed == std::vector<std::string>{"main goes on"});
    CHECK(lint_messages(run.t, lint_kind::loop_error) == run.reported);
    CHECK(task_endings(run.t) == std::vector<std::string>{"Task-1 done: None", "Task-2 done: None"});
}

TEST_CASE("an exception raised while handling cancellation replaces the CancelledError", "[task]") {
    recorded_run run = record(cancels_a_task_that_fails_while_cancelled);
    CHECK(run.printed == std::vector<std::string>{"main caught cleanup failed"});
    CHECK(run.reported.empty());
    CHECK(task_endings(run.t) ==
          std::vector<std::string>{"Task-1 done: None", "Task-2 failed: std::runtime_error: cleanup failed"});
}

TEST_CASE("an exception raised while asyncio.run cancels the tasks left is reported as a shutdown error", "[task]") {
    recorded_run run = record(leaves_a_task_that_fails_while_cancelled);
    CHECK(run.reported == std::vector<std::string>{
                              "unhandled exception during asyncio.run() shutdown: std::runtime_error: cleanup failed"});
    CHECK(run.escaped == "");
    CHECK(task_endings(run.t) ==
          std::vector<std::string>{"Task-1 done: None", "Task-2 failed: std::runtime_error: cleanup failed"});
}

TEST_CASE("a task that swallows CancelledError forever is stopped by the time budget and named pending", "[recorder][lint]") {
    recorded_run run = record(leaves_a_task_that_sleeps_through_cancellation, {.budget = {.max_time = 100}});
    CHECK(run.t.stopped_early == "time budget of 100 s reached");
    CHECK(run.escaped == "RuntimeError: Event loop stopped before Future completed.");
    CHECK(playback(run.t).outputs().size() == 1);  // asyncio.run's cancel, swallowed
    // The loop's teardown tries three more times, unrecorded, then destroys the task.
    CHECK(run.printed == std::vector<std::string>(4, "swallowed"));
    CHECK(lint_messages(run.t, lint_kind::pending_at_close) ==
          std::vector<std::string>{"Task-2 swallows_cancellation(1.0) was still pending (waiting on sleep(1)) when "
                                   "the run stopped (time budget of 100 s reached)"});
}

TEST_CASE("a task that swallows CancelledError and yields forever is stopped by the event budget", "[recorder][lint]") {
    recorded_run run = record(leaves_a_task_that_yields_through_cancellation, {.budget = {.max_events = 5000}});
    CHECK(run.t.size() == 5000);
    CHECK(run.t.stopped_early == "event budget of 5000 events reached");
    CHECK(lint_messages(run.t, lint_kind::pending_at_close).size() == 1);
}

TEST_CASE("a task awaiting itself fails with 'Task cannot await on itself', as in Python", "[task]") {
    recorded_run run = record(awaits_a_task_that_awaits_itself);
    CHECK(run.printed == std::vector<std::string>{"main caught Task cannot await on itself: Task-2"});
    CHECK(task_endings(run.t) == std::vector<std::string>{
                                     "Task-1 done: None", "Task-2 failed: std::runtime_error: Task cannot await on itself: Task-2"});
    CHECK(first_invariant_break(run.t) == "");
}

TEST_CASE("two tasks awaiting each other are reported as a deadlock that names who waits on what", "[event_loop][lint]") {
    recorded_run run = record(awaits_two_tasks_that_await_each_other);
    const std::string waits = "Task-1 waits on Task-2; Task-2 waits on Task-3; Task-3 waits on Task-2";
    CHECK(run.escaped == "RuntimeError: deadlock: nothing is ready and no timer is pending; " + waits);
    // asyncio.run's cancel cannot break the cycle (the cancel of Task-2 goes to Task-3, whose goes back to
    // Task-2, which refuses it the second time round), so the loop finds the same deadlock once more.
    CHECK(lint_messages(run.t, lint_kind::deadlock) == std::vector<std::string>(2, waits));
    CHECK(lint_messages(run.t, lint_kind::pending_at_close) ==
          std::vector<std::string>{
              "Task-1 awaits_two_tasks_that_await_each_other() was still pending (waiting on Task-2) when the loop closed",
              "Task-2 awaits_the_other(1) was still pending (waiting on Task-3) when the loop closed",
              "Task-3 awaits_the_other(0) was still pending (waiting on Task-2) when the loop closed"});
}
