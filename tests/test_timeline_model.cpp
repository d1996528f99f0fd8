// The timeline's x axes, above all the steps axis: virtual time with every
// instant opened up into the steps that ran in it, so interleaving shows.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "loopscope/sim/playback.hpp"
#include "loopscope/sim/run.hpp"
#include "loopscope/sim/text_timeline.hpp"
#include "loopscope/sim/timeline_model.hpp"
#include "scenario_run.hpp"

using namespace loopscope;
using namespace loopscope::sim;

namespace {

/// One task step: the positions just after its step_begin and just after its step_end.
struct step_span {
    task_id task = 0;
    std::size_t begin = 0;
    std::size_t end = 0;
};

std::vector<step_span> steps_of(const trace& t) {
    std::vector<step_span> steps;
    std::vector<std::size_t> open(t.tasks.size() + 1, 0);
    for (std::size_t k = 0; k < t.size(); ++k) {
        if (t[k].kind == event_kind::step_begin) open[t[k].task] = k + 1;
        if (t[k].kind == event_kind::step_end) steps.push_back({t[k].task, open[t[k].task], k + 1});
    }
    return steps;
}

/// The first running segment of a task.
segment first_running(const timeline_model& m, task_id task) {
    for (const segment& s : m.segments(task))
        if (s.status == task_status::running) return s;
    FAIL("Task-" << task << " never runs");
    return {};
}

}  // namespace

TEST_CASE("on the steps axis every step of every task is a running slice with a width of its own",
          "[timeline_model]") {
    trace t = run_default("countdown_gather");
    timeline_model m(t);
    const auto axis = timeline_axis::steps;
    std::vector<step_span> steps = steps_of(t);
    REQUIRE(steps.size() == 9);  // main 2, A 4, B 3
    for (const step_span& step : steps) {
        INFO("Task-" << step.task << " step at position " << step.begin);
        const segment& s = m.segments(step.task).at(m.segment_at(step.task, step.begin));
        CHECK(s.status == task_status::running);
        CHECK(s.begin == step.begin);
        CHECK(s.end == step.end);
        CHECK(m.x(s.end, axis) - m.x(s.begin, axis) == Approx(timeline_model::step_width));
    }
    // At t=0 main runs, then A, then B: side by side in run order, not on top of each other.
    segment main = first_running(m, 1), a = first_running(m, 2), b = first_running(m, 3);
    CHECK(t.time_at(b.end) == 0.0);
    CHECK(m.x(a.begin, axis) > m.x(main.end, axis));
    CHECK(m.x(b.begin, axis) > m.x(main.end, axis));
    CHECK(m.x(a.end, axis) <= m.x(b.begin, axis));
    CHECK(m.x(a.begin, axis) < m.x(a.end, axis));
    // On the time axis the same three slices are all at 0.
    CHECK(m.x(a.begin, timeline_axis::time) == m.x(b.begin, timeline_axis::time));
}

TEST_CASE("the steps axis gives time jumps as much room as the steps, and instants say where each second starts",
          "[timeline_model]") {
    trace t = run_default("countdown_gather");
    timeline_model m(t);
    const auto axis = timeline_axis::steps;
    // 9 task steps and 8 callbacks (5 timers, 2 gather callbacks, asyncio.run's stop), 12 iterations:
    // 17 + 12 / 4 = 20 units of steps, and 3 seconds worth as much again.
    CHECK(m.units_per_second() == Approx(20.0 / 3.0));
    CHECK(m.end(axis) == Approx(40.0));
    const auto& instants = m.instants();
    REQUIRE(instants.size() == 4);
    for (std::size_t i = 0; i < instants.size(); ++i) {
        INFO("instant " << i);
        CHECK(instants[i].time == double(i));
        CHECK(m.x(instants[i].begin, axis) == instants[i].x);
        CHECK(instants[i].x <= instants[i].x_end);
        CHECK(m.x_at_time(double(i), axis) == instants[i].x);
        if (i == 0) continue;
        CHECK(t.time_at(instants[i].begin - 1) == double(i));  // the event that moved the clock
        CHECK(instants[i].x - instants[i - 1].x_end == Approx(m.units_per_second()));  // one second's jump
        CHECK(m.x_at_time(i - 0.5, axis) == Approx((instants[i - 1].x_end + instants[i].x) / 2));
    }
    CHECK(instants.back().x_end == m.end(axis));
    CHECK(m.x_at_time(-1, axis) == 0.0);
    CHECK(m.x_at_time(99, axis) == m.end(axis));
    CHECK(m.x_at_time(1.5, timeline_axis::time) == 1.5);
    CHECK(m.x_at_time(1.0, timeline_axis::iterations) ==
          m.x(t.first_event_at_time(1.0) + 1, timeline_axis::iterations));
}

TEST_CASE("in every scenario the steps axis only moves forward and a click finds the position under it",
          "[timeline_model]") {
    for (const auto& s : all_scenarios()) {
        INFO(s.id);
        trace t = run_scenario(s, {parameter_values(s.parameters), {}, {}});
        timeline_model m(t);
        for (auto axis : {timeline_axis::steps, timeline_axis::time, timeline_axis::iterations}) {
            INFO(to_string(axis));
            CHECK(m.x(0, axis) == 0.0);
            CHECK(m.end(axis) == m.x(t.size(), axis));
            for (std::size_t k = 0; k < t.size(); ++k) {
                REQUIRE(m.x(k + 1, axis) >= m.x(k, axis));
                std::size_t found = m.position_at(m.x(k, axis), axis);
                REQUIRE(found >= k);  // the last position at that x
                REQUIRE(m.x(found, axis) == m.x(k, axis));
            }
        }
        // A step is one unit, more when it blocked the loop; never less.
        for (const step_span& step : steps_of(t))
            REQUIRE(m.x(step.end, timeline_axis::steps) - m.x(step.begin, timeline_axis::steps) >=
                    Approx(timeline_model::step_width));
        double previous = -1;
        for (const instant& i : m.instants()) {
            REQUIRE(i.time > previous);
            previous = i.time;
        }
        for (double seconds = 0; seconds <= t.time_at(t.size() - 1) + 0.5; seconds += 0.125)
            REQUIRE(m.x_at_time(seconds + 0.125, timeline_axis::steps) >= m.x_at_time(seconds, timeline_axis::steps));
    }
}

TEST_CASE("a step that blocks the loop with time.sleep is as wide as the time it froze", "[timeline_model]") {
    trace t = run_default("blocking_call");
    timeline_model m(t);
    std::size_t blocked = 0;
    for (const step_span& step : steps_of(t)) {
        bool blocks = false;
        for (std::size_t k = step.begin; k < step.end; ++k)
            blocks |= t[k].kind == event_kind::clock_advanced && t[k].sub == 1;
        if (!blocks) continue;
        ++blocked;
        CHECK(m.x(step.end, timeline_axis::steps) - m.x(step.begin, timeline_axis::steps) ==
              Approx(timeline_model::step_width + 2.0 * m.units_per_second()));  // time.sleep(2)
    }
    CHECK(blocked == 1);
}

TEST_CASE("the text timeline draws the steps axis with A's and B's turns side by side", "[timeline_model]") {
    trace t = run_default("countdown_gather");
    playback p(t);
    std::string text = text_timeline(p, {timeline_axis::steps, 60});
    CHECK(text.find("(x axis: virtual time, steps opened up)\n") != std::string::npos);
    CHECK(text_timeline(p).find("(x axis: virtual time, steps opened up)") != std::string::npos);  // the default
    auto row = [&](std::string_view label) {
        auto at = text.find(label);
        REQUIRE(at != std::string::npos);
        return text.substr(at, text.find('\n', at) - at);
    };
    std::string a = row("Task-2 countdown('A', 3)"), b = row("Task-3 countdown('B', 2)");
    CHECK(a.find('#') < b.find('#'));  // A's first turn is drawn before B's
    CHECK(text.find("0s") != std::string::npos);
    CHECK(text.find("3s") != std::string::npos);
    // The time axis is as it was: everything at t=0 in the first column.
    std::string by_time = text_timeline(p, {timeline_axis::time, 60});
    CHECK(by_time.find("(x axis: virtual time)\n") != std::string::npos);
    CHECK(by_time.find("Task-2 countdown('A', 3)  #------------------#") != std::string::npos);
}
