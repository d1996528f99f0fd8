// A Python program recorded through loopscope_python: the trace holds
// CPython's tasks with their coroutines, parents and creating lines, and at
// every step end what the task waits on and the program's line it waits at.
// One interpreter per process: the program runs once, in the first test.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "loopscope/python/program.hpp"
#include "loopscope/sim/playback.hpp"
#include "loopscope/sim/recorder.hpp"

using namespace loopscope;

namespace {

/// countdown_tasks.py's trace, recorded once.
const sim::trace& countdown_tasks() {
    static const sim::trace recorded = [] {
        sim::trace t;
        std::unique_ptr<sim::recorder> rec;
        python::program_options options;
        options.path = LOOPSCOPE_LESSONS "/countdown_tasks.py";
        options.loop_created = [&](event_loop& loop) {
            if (!rec) rec = std::make_unique<sim::recorder>(loop, t);
        };
        options.loop_closing = [&](event_loop&) { rec.reset(); };
        options.finishing = [&](int, std::string_view) { rec.reset(); };
        REQUIRE(python::run_program(options) == 0);
        return t;
    }();
    return recorded;
}

/// "Task-2 waiting sleep(1) at line 9" for every step end of the trace.
std::vector<std::string> step_ends(const sim::trace& t) {
    std::vector<std::string> lines;
    for (std::size_t k = 0; k < t.size(); ++k) {
        const sim::event& e = t[k];
        if (e.kind != sim::event_kind::step_end) continue;
        std::string s = std::string(t.strings[t.tasks[e.task - 1].name]) + " " +
                        std::string(to_string(step_outcome(e.sub))) + " " + std::string(t.strings[e.a]);
        if (const auto& at = t.locations[e.b()]; at.line) s += " at line " + std::to_string(at.line);
        lines.push_back(s);
    }
    return lines;
}

}  // namespace

TEST_CASE("a Python program's tasks are recorded with CPython's names, coroutines, parents and lines", "[python]") {
    const sim::trace& t = countdown_tasks();
    REQUIRE(t.tasks.size() == 5);
    std::vector<std::string> tasks;
    for (const auto& task : t.tasks)
        tasks.push_back(std::string(t.strings[task.name]) + " " + std::string(t.strings[task.coroutine]) + " parent " +
                        std::to_string(task.parent) + " line " + std::to_string(t.locations[task.created_at].line));
    CHECK(tasks == std::vector<std::string>{
                       "Task-1 main() parent 0 line 22",
                       "Task-2 countdown('A', 3) parent 1 line 15",
                       "Task-3 countdown('B', 2) parent 1 line 16",
                       "Task-4 BaseEventLoop.shutdown_asyncgens() parent 0 line 22",
                       "Task-5 BaseEventLoop.shutdown_default_executor() parent 0 line 22",
                   });
}

TEST_CASE("every step end of a Python task says what it waits on and at which line", "[python]") {
    CHECK(step_ends(countdown_tasks()) == std::vector<std::string>{
                                              "Task-1 waiting Task-2 at line 17",
                                              "Task-2 waiting sleep(1) at line 9",
                                              "Task-3 waiting sleep(1) at line 9",
                                              "Task-2 waiting sleep(1) at line 9",
                                              "Task-3 waiting sleep(1) at line 9",
                                              "Task-2 waiting sleep(1) at line 9",
                                              "Task-3 done None",
                                              "Task-2 done None",
                                              "Task-1 done None",
                                              "Task-4 done None",
                                              "Task-5 done None",
                                          });
}

TEST_CASE("a suspended Python task's await chain follows its step end, its coroutine first", "[python]") {
    const sim::trace& t = countdown_tasks();
    std::vector<std::string> chains;  // "Task-2: countdown line 9 > sleep" per waiting step end
    for (std::size_t k = 0; k < t.size(); ++k) {
        if (t[k].kind != sim::event_kind::step_end || step_outcome(t[k].sub) != step_outcome::waiting) continue;
        std::string chain = "Task-" + std::to_string(t[k].task) + ":";
        bool first = true;
        for (std::size_t f = k + 1; f < t.size() && (t[f].kind == sim::event_kind::await_frame ||
                                                     t[f].kind == sim::event_kind::frame_local); ++f) {
            if (t[f].kind == sim::event_kind::frame_local) continue;  // the frame's variables
            const auto& at = t.locations[t[f].b()];
            const bool program = t.strings[at.file].ends_with("countdown_tasks.py");
            chain += std::string(first ? " " : " > ") + std::string(t.strings[t[f].a]) +
                     (program ? " line " + std::to_string(at.line) : std::string());
            first = false;
        }
        chains.push_back(chain);
    }
    CHECK(chains == std::vector<std::string>{
                        "Task-1: main line 17",
                        "Task-2: countdown line 9 > sleep",
                        "Task-3: countdown line 9 > sleep",
                        "Task-2: countdown line 9 > sleep",
                        "Task-3: countdown line 9 > sleep",
                        "Task-2: countdown line 9 > sleep",
                    });
}

TEST_CASE("a Python program's printed lines belong to the task that printed them", "[python]") {
    const sim::trace& t = countdown_tasks();
    std::vector<std::string> lines;
    for (std::size_t k = 0; k < t.size(); ++k)
        if (t[k].kind == sim::event_kind::output)
            lines.push_back(std::to_string(t.time_at(k)).substr(0, 5) + " Task-" + std::to_string(t[k].task) + " " +
                            std::string(t.strings[t[k].a]) + " line " + std::to_string(t.locations[t[k].b()].line));
    CHECK(lines == std::vector<std::string>{
                       "0.000 Task-2 A 3 line 8",
                       "0.000 Task-3 B 2 line 8",
                       "1.000 Task-2 A 2 line 8",
                       "1.000 Task-3 B 1 line 8",
                       "2.000 Task-2 A 1 line 8",
                       "3.000 Task-1 took 3.00 s line 19",
                   });
}

TEST_CASE("the playback gives a suspended task's await chain and its frames' variables, nothing while it runs or "
          "once it is done", "[python]") {
    const sim::trace& t = countdown_tasks();
    sim::playback p(t);
    auto chain_at = [&](std::size_t k, task_id task) {
        std::vector<std::string> frames;
        for (const auto& f : p.await_chain(k, task)) {
            std::string frame = std::string(t.strings[f.frame->a]) + " line " + std::to_string(t.locations[f.frame->b()].line);
            for (const sim::event* local : f.locals)
                frame += fmt::format(" {}={}", t.strings[local->a], t.strings[local->b()]);
            frames.push_back(frame);
        }
        return frames;
    };
    std::size_t first_wait = 0, first_run = 0;  // Task-2's first step: where it begins and where it ends
    for (std::size_t k = 0; k < t.size() && !first_wait; ++k) {
        if (t[k].task != 2) continue;
        if (t[k].kind == sim::event_kind::step_begin) first_run = k + 1;
        if (t[k].kind == sim::event_kind::step_end) first_wait = k + 1;
    }
    REQUIRE(first_wait > first_run);
    CHECK(chain_at(first_run, 2).empty());  // running
    const auto waits = chain_at(first_wait, 2);
    REQUIRE(waits.size() == 2);
    CHECK(waits[0] == "countdown line 9 name='A' n=3");  // the program's frame, with its variables
    CHECK_THAT(waits[1], Catch::StartsWith("sleep line "));  // asyncio's own frame, down to the primitive
    CHECK(t.strings[t.locations[p.await_chain(first_wait, 2)[0].frame->b()].file].ends_with("countdown_tasks.py"));
    CHECK(chain_at(first_wait, 1).size() == 1);  // main awaits Task-2 itself: one frame
    CHECK_THAT(chain_at(first_wait, 1)[0], Catch::StartsWith("main line 17 start="));
    CHECK(chain_at(t.size(), 2).empty());  // done
}
