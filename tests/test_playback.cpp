#include <catch2/catch.hpp>

#include <random>

#include "loopscope/core.hpp"
#include "loopscope/sim/playback.hpp"
#include "loopscope/sim/run.hpp"
#include "loopscope/sim/timeline_model.hpp"
#include "scenario_run.hpp"

using namespace loopscope;
using namespace loopscope::sim;

namespace {

/// Records a program of our own on a fresh loop.
template <class Program>
trace record(Program program, run_budget budget = {}) {
    trace t;
    event_loop loop;
    loop.set_output([](std::string_view) {});
    loop.set_exception_handler([](const loop_error&) {});
    {
        recorder r(loop, t, budget);
        try {
            loop.run(program());
        } catch (...) {
        }
    }
    return t;
}

coro<> yielder(int n) {
    for (int i = 0; i < n; ++i) co_await sleep(0);
}

coro<> many_yielders() {
    std::vector<task<>> tasks;
    for (int i = 0; i < 40; ++i) tasks.push_back(create_task(yielder(120)));
    for (auto& t : tasks) co_await t;
}

coro<> creates_a_task_then_gathers() {
    task<> first = create_task(yielder(1));
    co_await gather(yielder(1), yielder(2));  // the line after create_task's
    co_await first;
}

std::size_t position_after(const trace& t, event_kind kind, task_id task, int nth = 1) {
    for (std::size_t k = 0; k < t.size(); ++k)
        if (t[k].kind == kind && t[k].task == task && --nth == 0) return k + 1;
    FAIL("no such event");
    return 0;
}

}  // namespace

TEST_CASE("after countdown A's first step it waits on sleep(1) and B is next in the ready queue", "[playback]") {
    trace t = run_default("countdown_gather");
    playback p(t);
    std::size_t k = position_after(t, event_kind::step_end, 2);
    const loop_state& s = p.state_at(k);
    REQUIRE(s.tasks.size() == 3);
    CHECK(s.tasks[1].state == task_status::waiting);
    CHECK(t.strings[s.tasks[1].detail] == "sleep(1)");
    CHECK(p.python_line(s.tasks[1].line) == 8);  // await asyncio.sleep(1)  # @sleep
    CHECK(s.tasks[2].state == task_status::scheduled);
    REQUIRE(s.ready.size() == 1);
    CHECK(s.ready.front().task == 3);
    REQUIRE(s.timers.size() == 1);
    CHECK(s.timers.front().when == 1.0);
    CHECK(s.running == 0);
    CHECK(s.phase == loop_phase::running);
    CHECK(p.outputs_before(k) == 1);
    CHECK(p.time_at(k) == 0.0);
}

TEST_CASE("at the end every countdown task is done and the loop is empty", "[playback]") {
    trace t = run_default("countdown_gather");
    playback p(t);
    const loop_state& s = p.state_at(p.size());
    for (const auto& task : s.tasks) CHECK(task.state == task_status::done);
    CHECK(s.ready.empty());
    CHECK(s.timers.empty());
    CHECK(p.time_at(p.size()) == 3.0);
    CHECK(p.outputs().size() == 8);
    CHECK(p.lints().empty());
}

TEST_CASE("random access gives the same state as replaying every event in order", "[playback]") {
    trace t = record(many_yielders);
    REQUIRE(t.size() > 3 * 4096);  // several snapshots
    playback p(t);
    std::vector<loop_state> sequential;
    loop_state s;
    sequential.push_back(s);
    for (std::size_t k = 0; k < t.size(); ++k) {
        s.apply(t[k]);
        sequential.push_back(s);
    }
    std::mt19937 random(7);
    std::uniform_int_distribution<std::size_t> any(0, t.size());
    for (int i = 0; i < 300; ++i) {
        std::size_t k = any(random);
        INFO("position " << k);
        REQUIRE(p.state_at(k) == sequential[k]);
    }
    for (std::size_t k = t.size() + 1; k-- > 0;) REQUIRE(p.state_at(k) == sequential[k]);  // stepping back
}

TEST_CASE("stepping by task step, iteration and time lands after the matching events", "[playback]") {
    trace t = run_default("countdown");
    playback p(t);
    std::size_t k = p.next(0, step_unit::task_step);
    CHECK(t[k - 1].kind == event_kind::step_end);
    CHECK(p.previous(k, step_unit::task_step) == 0);
    std::size_t it = p.next(0, step_unit::iteration);
    CHECK(t[it - 1].kind == event_kind::iteration_end);
    std::size_t tick = p.next(0, step_unit::time);
    CHECK(t[tick - 1].kind == event_kind::clock_advanced);
    CHECK(p.time_at(tick) == 1.0);
    CHECK(p.time_at(tick - 1) == 0.0);
    CHECK(p.position_at_time(1.0) == tick);
    CHECK(p.previous(tick, step_unit::time) == 0);
    CHECK(p.next(p.size(), step_unit::event) == p.size());
    CHECK(p.previous(0, step_unit::event) == 0);
    std::size_t last = p.size();
    CHECK(p.previous(last, step_unit::time) == p.position_at_time(3.0));
}

TEST_CASE("what-if: cancelling countdown B at its first wait ends it cancelled and fails the gather", "[playback]") {
    trace original = run_default("countdown_gather");
    std::size_t k = position_after(original, event_kind::step_end, 3);
    trace t = run_default("countdown_gather", {{k, 3}});
    playback p(t);
    const loop_state& end = p.state_at(p.size());
    CHECK(end.tasks[2].state == task_status::cancelled);
    CHECK(end.tasks[0].state == task_status::cancelled);  // gather propagates B's cancellation to main
    CHECK(end.tasks[1].state == task_status::cancelled);  // asyncio.run cancels what is left
    std::size_t cancels = 0;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (t[i].kind == event_kind::cancel_requested && t[i].task == 3) {
            ++cancels;
            CHECK(i >= k);
            CHECK(t.strings[t[i].a] == "what-if");
        }
    CHECK(cancels == 1);
}

TEST_CASE("an event budget stops a runaway program with a message", "[playback]") {
    trace t = record(many_yielders, {.max_events = 1000});
    CHECK(t.size() == 1000);
    CHECK(t.stopped_early == "event budget of 1000 events reached");
    playback p(t);
    REQUIRE(!p.lints().empty());
    CHECK(p.lints().back().kind == lint_kind::pending_at_close);
}

TEST_CASE("a time budget stops the run before the clock passes it", "[playback]") {
    const scenario* s = find_scenario("countdown");
    REQUIRE(s);
    trace t = run_scenario(*s, {parameter_values(s->parameters), {.max_time = 1.5}, {}});
    CHECK(t.stopped_early == "time budget of 1.5 s reached");
    CHECK(t.time_at(t.size() - 1) == 1.0);
}

TEST_CASE("the timeline model cuts each lane into touching segments and draws spawn and wake arrows", "[timeline]") {
    trace t = run_default("countdown_gather");
    timeline_model m(t);
    REQUIRE(m.lanes() == 3);
    for (task_id id = 1; id <= 3; ++id) {
        const auto& lane = m.segments(id);
        REQUIRE(!lane.empty());
        for (std::size_t i = 1; i < lane.size(); ++i) CHECK(lane[i].begin == lane[i - 1].end);
        CHECK(lane.back().status == task_status::done);
    }
    CHECK(m.depth(1) == 0);
    CHECK(m.depth(2) == 1);
    // Task-2 (countdown A): scheduled, running, then waiting on sleep(1) three times.
    std::vector<task_status> a;
    for (const auto& s : m.segments(2)) a.push_back(s.status);
    using enum task_status;
    CHECK(a == std::vector<task_status>{created, scheduled, running, waiting, scheduled, running, waiting, scheduled, running,
                                        waiting, scheduled, running, done});
    std::size_t spawns = 0, wakes = 0;
    for (const auto& ar : m.arrows()) {
        if (ar.kind == arrow_kind::spawn) {
            ++spawns;
            CHECK(ar.from == 1);
            CHECK(ar.to_position > ar.from_position);
        }
        if (ar.kind == arrow_kind::wake) ++wakes;
    }
    CHECK(spawns == 2);
    CHECK(wakes >= 1);  // the last countdown to finish wakes main through gather
    CHECK(m.x(t.size(), timeline_axis::time) == 3.0);
    CHECK(m.end(timeline_axis::iterations) > 10.0);
    CHECK(m.position_at(m.x(40, timeline_axis::iterations), timeline_axis::iterations) == 40);
}

TEST_CASE("in every scenario, a task step in the ready queue belongs to a scheduled task", "[playback]") {
    for (const auto& s : all_scenarios()) {
        INFO(s.id);
        trace t = run_scenario(s, {parameter_values(s.parameters), {}, {}});
        loop_state state;
        for (std::size_t k = 0; k < t.size(); ++k) {
            state.apply(t[k]);
            for (const auto& h : state.ready) {
                if (h.task == 0) continue;
                INFO("position " << k + 1 << ": Task-" << h.task);
                REQUIRE(state.tasks.at(h.task - 1).state == task_status::scheduled);
            }
        }
    }
}

TEST_CASE("a task the runtime made for gather was created at its parent's co_await, in gather", "[playback]") {
    trace t = run_default("countdown_gather");
    playback p(t);
    // `await asyncio.gather(countdown("A", a), countdown("B", b))` is line 14 of countdown_gather.py.
    for (task_id id : {2u, 3u}) {
        INFO("Task-" << id);
        creation_site site = p.created_from(id);
        CHECK(p.python_line(site.at) == 14);
        CHECK(t.strings[site.through] == "gather(2)");
    }
    // main() is created by asyncio.run, outside the listing.
    CHECK(p.created_from(1) == creation_site{t.tasks[0].created_at, 0});
}

TEST_CASE("a task made with create_task was created on that line", "[playback]") {
    trace t = run_default("countdown_tasks");
    playback p(t);
    CHECK(p.python_line(p.created_from(2).at) == 14);
    CHECK(p.python_line(p.created_from(3).at) == 15);
    CHECK(p.created_from(2).through == 0);
    CHECK(p.created_from(99) == creation_site{});
}

TEST_CASE("in a recorded program, create_task's task was created on its line and gather's at the co_await",
          "[playback]") {
    trace t = record(creates_a_task_then_gathers);
    playback p(t);
    REQUIRE(t.tasks.size() == 4);
    CHECK(p.created_from(2) == creation_site{t.tasks[1].created_at, 0});
    for (task_id id : {3u, 4u}) {
        INFO("Task-" << id);
        creation_site site = p.created_from(id);
        CHECK(t.strings[site.through] == "gather(2)");
        CHECK(t.locations.at(site.at).line == t.locations.at(t.tasks[1].created_at).line + 1);
    }
}
