// Every step explained: the caption of each event, exactly for the classic
// lesson, and for every event of every built-in scenario and of programs that
// reach the kinds the scenarios never do.
#include <catch2/catch.hpp>

#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "loopscope/core.hpp"
#include "loopscope/sim/event_caption.hpp"
#include "loopscope/sim/playback.hpp"
#include "loopscope/sim/recorder.hpp"
#include "loopscope/sim/run.hpp"
#include "loopscope/sim/task_label.hpp"
#include "scenario_run.hpp"

using namespace loopscope;
using namespace loopscope::sim;

namespace {

/// Records a program of our own on a fresh loop (no listing: C++ words and lines).
template <class Program>
trace record(Program program) {
    trace t;
    event_loop loop;
    loop.set_output([](std::string_view) {});
    loop.set_exception_handler([](const loop_error&) {});
    {
        recorder r(loop, t);
        try {
            loop.run(program());
        } catch (...) {
        }
    }
    return t;
}

/// The caption of the first event of `kind` (for `task`, when not 0) in the trace.
std::string caption_of(playback& p, event_kind kind, task_id task = 0, std::uint8_t sub = 0xff) {
    const trace& t = p.source();
    for (std::size_t k = 0; k < t.size(); ++k)
        if (t[k].kind == kind && (task == 0 || t[k].task == task) && (sub == 0xff || t[k].sub == sub))
            return describe_event(p, k + 1);
    FAIL("no " << to_string(kind) << " event");
    return {};
}

coro<> yields_once() {
    co_await sleep(0);
    out("after the yield");
}

coro<> fails() {
    co_await sleep(0.5);
    throw std::runtime_error("boom");
}

coro<> leaves_a_failing_task() {
    (void)create_task(fails());
    co_await sleep(1);
}

coro<> waits_forever() {
    loopscope::event never_set;
    co_await never_set.wait();
}

coro<> cancels_a_ready_callback() {
    handle h = running_loop().call_soon([] {});
    h.cancel();
    co_await sleep(0);
}

coro<> awaits_itself() { co_await current_task(); }

coro<> awaits_a_task_that_awaits_itself() {
    task<> t = create_task(awaits_itself());
    try {
        co_await t;
    } catch (const std::runtime_error&) {
    }
}

}  // namespace

TEST_CASE("each event of gather(countdown(3), countdown(2)) is told in plain English", "[event_caption]") {
    trace t = run_default("countdown_gather");
    playback p(t);
    REQUIRE(t.size() == 94);
    const std::vector<std::pair<std::size_t, std::string>> expected{
        {0, "Nothing has run yet: the loop starts with asyncio.run(main())"},
        {1, "asyncio.run(main()) creates Task-1 main(), the main task"},
        {2, "Task-1's first step joins the ready queue (handle 1, 1st in line): its body has not started"},
        {3, "iteration 1 runs 1 ready handle"},
        {4, "Task-1 main() runs its first step (handle 1): the body starts"},
        {5, "Task-1 creates Task-2 countdown('A', 3) for gather(2) at line 14"},
        {6, "Task-2's first step joins the ready queue (handle 2, 1st in line): its body has not started"},
        {7, "Task-1 creates Task-3 countdown('B', 2) for gather(2) at line 14"},
        {8, "Task-3's first step joins the ready queue (handle 3, 2nd in line): its body has not started"},
        {9, "Task-1 main() suspends at line 14 on gather(2)"},
        {10, "iteration 1 ends; 2 handles wait for iteration 2"},
        {11, "iteration 2 runs 2 ready handles"},
        {12, "Task-2 countdown('A', 3) runs its first step (handle 2): the body starts"},
        {13, "Task-2 prints \"A T-minus 3\" at line 7"},
        {14, "Task-2's sleep(1) arms a timer (handle 4), due at t=1.000"},
        {15, "Task-2 countdown('A', 3) suspends at line 8 on sleep(1); its timer is due at t=1.000"},
        {16, "Task-3 countdown('B', 2) runs its first step (handle 3): the body starts"},
        {17, "Task-3 prints \"B T-minus 2\" at line 7"},
        {18, "Task-3's sleep(1) arms a timer (handle 5), due at t=1.000"},
        {19, "Task-3 countdown('B', 2) suspends at line 8 on sleep(1); its timer is due at t=1.000"},
        {20, "iteration 2 ends; nothing is ready, the next timer is due at t=1.000"},
        {21, "iteration 3: nothing is ready, so the loop waits for the next timer (t=1.000); then it runs 2 ready "
             "handles"},
        {22, "t=1.000: the clock jumps 1 s ahead to the next timer; nothing ran meanwhile"},
        {23, "t=1.000: the timer of Task-2's sleep(1) is due; its callback joins the ready queue (handle 4)"},
        {24, "t=1.000: the timer of Task-3's sleep(1) is due; its callback joins the ready queue (handle 5)"},
        {25, "the loop runs a callback (handle 4): the timer of Task-2's sleep(1)"},
        {26, "Task-2 is woken by sleep(1); its next step joins the ready queue (handle 6, 2nd in line)"},
        {27, "the callback (handle 4) returns; it woke Task-2"},
        {28, "the loop runs a callback (handle 5): the timer of Task-3's sleep(1)"},
        {29, "Task-3 is woken by sleep(1); its next step joins the ready queue (handle 7, 2nd in line)"},
        {30, "the callback (handle 5) returns; it woke Task-3"},
        {31, "iteration 3 ends; 2 handles wait for iteration 4"},
        {32, "iteration 4 runs 2 ready handles"},
        {33, "Task-2 countdown('A', 3) resumes at line 8 after sleep(1) (handle 6)"},
        {36, "Task-2 countdown('A', 3) suspends at line 8 on sleep(1); its timer is due at t=2.000"},
        {59, "Task-3 prints \"B liftoff\" at line 10"},
        {60, "Task-3 schedules a callback (handle 13, 1st in line): gather: child done gather(2)"},
        {61, "Task-3 countdown('B', 2) returns None: the task is done"},
        {62, "iteration 6 ends; 1 handle waits for iteration 7"},
        {64, "the loop runs a callback (handle 13): gather: child done gather(2)"},
        {65, "the callback (handle 13) returns"},
        {81, "the loop runs a callback (handle 15): gather: child done gather(2)"},
        {82, "Task-1 is woken by gather(2); its next step joins the ready queue (handle 16, 1st in line)"},
        {83, "the callback (handle 15) returns; it woke Task-1"},
        {86, "Task-1 main() resumes at line 14 after gather(2) (handle 16)"},
        {87, "Task-1 prints \"both done\" at line 15"},
        {88, "Task-1 schedules a callback (handle 17, 1st in line): run_until_complete: stop"},
        {89, "Task-1 main() returns None: the task is done"},
        {92, "the loop runs a callback (handle 17): run_until_complete: stop"},
        {94, "iteration 12 ends; nothing is ready and no timer is pending"},
    };
    for (const auto& [position, caption] : expected) {
        INFO("position " << position);
        CHECK(describe_event(p, position) == caption);
    }
    // Random access: stepping back gives the same sentence as reading forward.
    CHECK(describe_event(p, 15) == expected[15].second);
    CHECK(describe_event(p, 1000) == describe_event(p, t.size()));
}

TEST_CASE("every event of every built-in scenario gets a caption, and every kind they use has its own words",
          "[event_caption]") {
    std::set<event_kind> seen;
    for (const auto& s : all_scenarios()) {
        INFO(s.id);
        trace t = run_scenario(s, {parameter_values(s.parameters), {}, {}});
        playback p(t);
        for (std::size_t position = 0; position <= t.size(); ++position) {
            std::string caption = describe_event(p, position);
            INFO("position " << position << ": " << caption);
            REQUIRE(!caption.empty());
            CHECK(caption.find("unknown") == std::string::npos);
            CHECK(caption.find("std::") == std::string::npos);  // a Python listing speaks Python
            CHECK(caption.find("_error") == std::string::npos);
            if (position == 0) continue;
            event_kind kind = t[position - 1].kind;
            seen.insert(kind);
            CHECK(caption.rfind("event ", 0) == std::string::npos);  // the fallback, "event 12: step_end"
        }
    }
    // The scenarios reach nearly every kind; the next test covers the rest.
    for (event_kind kind : {event_kind::task_created, event_kind::task_renamed, event_kind::task_scheduled,
                            event_kind::callback_scheduled, event_kind::callback_begin, event_kind::callback_end,
                            event_kind::step_begin, event_kind::step_end, event_kind::cancel_requested,
                            event_kind::iteration_begin, event_kind::iteration_end, event_kind::clock_advanced,
                            event_kind::timer_armed, event_kind::timer_fired, event_kind::timer_cancelled,
                            event_kind::output, event_kind::never_awaited}) {
        INFO(to_string(kind));
        CHECK(seen.count(kind) == 1);
    }
}

TEST_CASE("the kinds no scenario reaches are told too: yield, failure, error, skipped handle, deadlock",
          "[event_caption]") {
    SECTION("a bare yield") {
        trace t = record(yields_once);
        playback p(t);
        CHECK_THAT(caption_of(p, event_kind::step_end, 1, std::uint8_t(step_outcome::yielded)),
                   Catch::StartsWith("Task-1 yields_once() yields at ") &&
                       Catch::EndsWith(" (sleep(0)): it goes to the back of the ready queue"));
        CHECK_THAT(caption_of(p, event_kind::task_scheduled, 1, std::uint8_t(schedule_reason::yielded)),
                   Catch::StartsWith("Task-1 yielded (sleep(0)): its next step joins the back of the ready queue"));
    }
    SECTION("a task that fails and whose exception nobody retrieves") {
        trace t = record(leaves_a_failing_task);
        playback p(t);
        CHECK(caption_of(p, event_kind::step_end, 2, std::uint8_t(step_outcome::failed)) ==
              "Task-2 fails() fails with std::runtime_error: boom");  // a C++ program keeps C++ words
        CHECK_THAT(caption_of(p, event_kind::error),
                   Catch::StartsWith("the loop reports an error about Task-2: ") && Catch::Contains("boom"));
        t.origin.python_listing = "# a Python twin";  // next to a Python listing, Python's words
        playback python(t);
        CHECK(caption_of(python, event_kind::step_end, 2, std::uint8_t(step_outcome::failed)) ==
              "Task-2 fails() fails with RuntimeError: boom");
        CHECK_THAT(caption_of(python, event_kind::error), Catch::Contains("RuntimeError: boom"));
    }
    SECTION("a callback cancelled while it waits in the ready queue") {
        trace t = record(cancels_a_ready_callback);
        playback p(t);
        CHECK_THAT(caption_of(p, event_kind::handle_skipped),
                   Catch::StartsWith("the loop skips handle ") &&
                       Catch::EndsWith(": it was cancelled while it waited in the ready queue"));
    }
    SECTION("a task awaiting itself") {
        trace t = record(awaits_a_task_that_awaits_itself);
        playback p(t);
        CHECK_THAT(caption_of(p, event_kind::task_scheduled, 2, std::uint8_t(schedule_reason::retry_error)),
                   Catch::StartsWith("Task-2 awaited itself: its next step joins the ready queue (handle ") &&
                       Catch::EndsWith(") to receive the error"));
    }
    SECTION("a deadlock") {
        trace t = record(waits_forever);
        playback p(t);
        CHECK_THAT(caption_of(p, event_kind::deadlock),
                   Catch::StartsWith("deadlock: every task waits and nothing can wake them (") &&
                       Catch::Contains("event.wait"));
    }
}

TEST_CASE("a blocking call, a cancellation and a rename are told with who did what", "[event_caption]") {
    SECTION("time.sleep in blocking_call") {
        trace t = run_default("blocking_call");
        playback p(t);
        CHECK(caption_of(p, event_kind::clock_advanced, 0, 1) ==
              "Task-3 blocker(2.0) blocks the loop (time.sleep): the clock moves 2 s, from t=1.250 to t=3.250, and "
              "nothing else can run meanwhile");
    }
    SECTION("cancel() in task_lifecycle") {
        trace t = run_default("task_lifecycle");
        playback p(t);
        CHECK(caption_of(p, event_kind::cancel_requested, 3) ==
              "Task-1 cancels Task-3: its await on sleep(10) will raise CancelledError");
        CHECK(caption_of(p, event_kind::task_scheduled, 3, std::uint8_t(schedule_reason::woken)) ==
              "Task-3 is woken: cancel() cancelled its sleep(10); its next step joins the ready queue (handle 10, "
              "1st in line)");
        std::size_t cancel = p.next(0, step_unit::event);
        while (t[cancel - 1].kind != event_kind::cancel_requested) ++cancel;
        std::size_t resume = cancel;
        while (t[resume - 1].kind != event_kind::step_begin || t[resume - 1].task != 3) ++resume;
        CHECK(describe_event(p, resume) ==
              "Task-3 work(10.0) resumes at line 6 (handle 10): CancelledError is raised at its await");
        CHECK(caption_of(p, event_kind::step_end, 3, std::uint8_t(step_outcome::cancelled)) ==
              "Task-3 work(10.0) is cancelled: CancelledError ended its step");
        CHECK(caption_of(p, event_kind::task_renamed, 2) == "Task-2's name is set to 'worker'");
        CHECK(caption_of(p, event_kind::task_created, 2) == "Task-1 creates Task-2 worker work(1.0) at line 18");
    }
    SECTION("a failing TaskGroup child speaks Python") {
        trace t = run_default("taskgroup_error");
        playback p(t);
        CHECK(caption_of(p, event_kind::step_end, 3, std::uint8_t(step_outcome::failed)) ==
              "Task-3 worker1 worker('worker1', 2, True) fails with ValueError: worker1 failed");
        CHECK(caption_of(p, event_kind::cancel_requested, 4) ==
              "a callback (handle 11) cancels Task-4 worker2: its await on sleep(3) will raise CancelledError");
    }
}

TEST_CASE("a task's label is its number, then its name when it has one of its own", "[task_label]") {
    CHECK(task_name_label(2, "Task-2") == "Task-2");
    CHECK(task_name_label(2, "") == "Task-2");
    CHECK(task_name_label(2, "worker0") == "Task-2 worker0");
    CHECK(task_name_label(2, "Task-3") == "Task-2 Task-3");  // a name that only looks like a default
    trace t = run_default("taskgroup_error");
    CHECK(task_name_label(t, 1) == "Task-1");
    CHECK(task_name_label(t, 2) == "Task-2 worker0");
    CHECK(task_coroutine_label(t, 2) == "Task-2 worker0 worker('worker0', 1, False)");
    CHECK(task_coroutine_label(t, 1) == "Task-1 main()");
    CHECK(task_name_label(t, 0) == "the loop");
    CHECK(task_name_label(t, 99) == "Task-99");
}
