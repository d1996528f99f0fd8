// blocking_call: time.sleep inside a coroutine freezes every other task.
#include <fmt/format.h>

#include "loopscope/core.hpp"
#include "loopscope/sim/scenario.hpp"

namespace loopscope::sim::scenarios {
namespace {

coro<> ticker(long ticks, double interval) {
    event_loop& loop = running_loop();
    double start = loop.time();
    for (long i = 1; i <= ticks; ++i) {
        co_await sleep(interval);  // @tick_sleep
        double late = loop.time() - (start + double(i) * interval);
        out(fmt::format("tick {} (late by {:.2f} s)", i, late));  // @tick
    }
}

coro<> blocker(double seconds) {
    co_await sleep(1.25);  // @wait
    out("blocker: time.sleep() blocks the whole loop");  // @blocking
    // time.sleep(seconds): no await, so nothing else can run meanwhile.
    running_loop().block(seconds);  // @block
    out("blocker: back; every other task was frozen meanwhile");  // @back
    out("blocker: await asyncio.sleep() lets the others run");  // @polite
    co_await sleep(seconds);  // @sleep
    out("blocker: done");  // @done
}

coro<> main(const parameter_values& p) {
    co_await gather(ticker(p.integer("ticks"), p.number("interval")), blocker(p.number("block")));  // @gather
}

}  // namespace

scenario_definition define_blocking_call() {
    return {.id = "blocking_call",
            .title = "A blocking call freezes the loop",
            .explanation = "time.sleep() does not await: it stops the whole thread, so the event loop cannot "
                           "run anything else. Watch the ticker: its timers come due while the blocker "
                           "sleeps, but they only fire once time.sleep returns, late. The same wait written "
                           "`await asyncio.sleep()` lets the ticks go on beside it.",
            .parameters = {{.name = "ticks", .help = "how many ticks the ticker prints", .default_value = 8,
                            .min = 0, .max = 40},
                           {.name = "interval", .help = "seconds between ticks", .default_value = 0.5,
                            .min = 0.1, .max = 2, .integer = false},
                           {.name = "block", .help = "seconds the blocker blocks, then sleeps",
                            .default_value = 2, .min = 0, .max = 10, .integer = false}},
            .main = main,
            .cpp_file = __FILE__};
}

}  // namespace loopscope::sim::scenarios
