// count_three: the classic asyncio example, three count() coroutines under gather.
#include <fmt/format.h>

#include "loopscope/core.hpp"
#include "loopscope/sim/scenario.hpp"

namespace loopscope::sim::scenarios {
namespace {

coro<> count(double delay) {
    out("One");             // @one
    co_await sleep(delay);  // @sleep
    out("Two");             // @two
}

coro<> main(const parameter_values& p) {
    double delay = p.number("delay");
    event_loop& loop = running_loop();
    double start = loop.time();
    co_await gather(count(delay), count(delay), count(delay));  // @gather
    double elapsed = loop.time() - start;
    out(fmt::format("executed in {:0.2f} seconds.", elapsed));  // @elapsed
}

}  // namespace

scenario_definition define_count_three() {
    return {.id = "count_three",
            .title = "One, Two: three counts at once",
            .explanation = "All three \"One\" lines come first: each count() runs until its sleep, then hands "
                           "control back to the loop, which starts the next one. One delay later the three "
                           "timers fire together and the \"Two\" lines follow. Three sleeps, yet the program "
                           "takes one delay, not three.",
            .parameters = {{.name = "delay", .help = "seconds each count() sleeps", .default_value = 1,
                            .min = 0, .max = 10, .integer = false}},
            .main = main,
            .cpp_file = __FILE__};
}

}  // namespace loopscope::sim::scenarios
