#include <cstdio>

#include "twin.hpp"

using namespace loopscope;

static coro<> background() {
    int i = 0;
    bool cancelled = false;
    std::exception_ptr error;
    try {
        while (true) {
            co_await sleep(1);
            ++i;
            out("background tick", i);
        }
    } catch (const cancelled_error&) {
        cancelled = true;
        error = std::current_exception();
    } catch (...) {
        error = std::current_exception();
    }
    if (cancelled) {
        // except asyncio.CancelledError: (its own failures skip to finally)
        try {
            out("background: cancelled by asyncio.run cleanup");
            co_await sleep(0.5);
            out("background: cleanup finished");
        } catch (...) {
            error = std::current_exception();
        }
    }
    out("background: finally");
    std::rethrow_exception(error);
}

static coro<> late_starter() {
    // Created right before main returns: its first step was queued before
    // the "stop" callback, so it still runs (and finishes) in the final
    // iteration, before asyncio.run starts cancelling.
    out("late starter runs its first step");
    co_return;
}

static coro<std::string> py_main() {
    create_task(background());
    co_await sleep(2.5);
    create_task(late_starter());
    out("main returns");
    co_return "main result";
}

// Only one leftover task prints: asyncio.run cancels leftovers in the
// iteration order of a set of tasks, which is hash-dependent.
//
// The program's last print runs after asyncio.run returns, outside any loop:
// the twin runs the program's own asyncio.run on a loop of its own (a nested
// event_loop::run, which cancels the leftovers as asyncio.run does), then
// moves the runner's clock to that loop's time to print the last line.
TWIN(run_cancels_leftovers) {
    event_loop& outer = running_loop();
    std::string r;
    {
        event_loop loop;
        loop.set_output([&](std::string_view line) {
            std::printf("t=%.3f %.*s\n", loop.time(), int(line.size()), line.data());
        });
        r = loop.run(py_main());
        outer.block(loop.time() - outer.time());
    }
    out("asyncio.run returned", r);
    co_return;
}
