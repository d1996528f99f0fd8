// loopscope-python: the child that runs one Python program, unchanged, on
// Loopscope's loop (loopscope_python), and records its trace. `loopscope run
// PROGRAM.py ...`, `loopscope show PROGRAM.py` and the window start it with the
// words that follow `run`; it is the only executable that contains libpython
// (linked statically where the build allows: Debian's static interpreter runs
// asyncio code about 1.2x faster than its shared one).
#include <fmt/format.h>

#include <memory>
#include <span>
#include <string>

#include "loopscope/python/program.hpp"
#include "loopscope/sim/chrome_export.hpp"
#include "loopscope/sim/atomic_file.hpp"
#include "loopscope/sim/input_error.hpp"
#include "loopscope/sim/recorder.hpp"
#include "loopscope/sim/trace_file.hpp"
#include "program_arguments.hpp"
#include "what_if_driver.hpp"

namespace loopscope::sim {
namespace {

int run_program_child(std::span<char* const> words) {
    program_arguments a;
    try {
        a = parse_program_arguments(words);
    } catch (const input_error& e) {
        fmt::print(stderr, "loopscope: {}\n", e.what());
        return 2;
    }
    const bool recording = !a.trace_file.empty() || !a.chrome_file.empty();
    if (!a.cancels.empty() && !recording) {
        fmt::print(stderr, "loopscope: --cancel-at needs --trace or --chrome (its event is the recording's)\n");
        return 2;
    }
    trace t;
    std::unique_ptr<recorder> rec;
    std::unique_ptr<what_if_driver> what_if;
    event_loop* recorded = nullptr;
    python::program_options options;
    options.path = a.path;
    options.args = a.args;
    options.text_file = a.text_file;
    options.log = a.log;
    options.seed = a.seed;
    options.latency = a.latency;
    options.budget = a.budget;
    if (recording) {
        t.origin.program.source = file_text(a.text_file.empty() ? a.path : a.text_file);  // as it ran
        // The first loop the program makes is the one recorded (asyncio.run makes one).
        options.loop_created = [&](event_loop& loop) {
            if (recorded) return;
            recorded = &loop;
            run_budget budget;
            budget.max_events = a.max_events;
            rec = std::make_unique<recorder>(loop, t, budget);
            what_if = std::make_unique<what_if_driver>(loop, t, a.cancels, [](task_id task) {
                python::post_what_if_cancel(task);  // a task already done has nothing to cancel
            });
        };
        options.loop_closing = [&](event_loop& loop) {
            if (&loop != recorded) return;
            what_if.reset();
            rec.reset();
        };
        options.finishing = [&](int, std::string_view stopped) {
            what_if.reset();
            rec.reset();
            t.origin.program.path = a.path;
            t.origin.program.args = a.args;
            t.origin.program.seed = a.seed;
            t.origin.program.python_version = python::python_version();
            if (t.stopped_early.empty()) t.stopped_early = stopped;  // the recorder's own words first
            try {
                if (!a.trace_file.empty()) save_trace(t, a.trace_file);
                if (!a.chrome_file.empty()) export_chrome(t, a.chrome_file);
            } catch (const std::exception& e) {
                fmt::print(stderr, "loopscope: {}\n", e.what());
            }
        };
    }
    return python::run_program(options);
}

}  // namespace
}  // namespace loopscope::sim

int main(int argc, char** argv) {
    if (argc < 2) {
        fmt::print(stderr, "usage: loopscope-python PROGRAM.py [ARGS...] [OPTIONS]: started by `loopscope run`\n");
        return 2;
    }
    return loopscope::sim::run_program_child(std::span<char* const>(argv + 1, std::size_t(argc - 1)));
}
