// countdown: one coroutine counts down, sleeping a second between numbers.
#include "loopscope/core.hpp"
#include "loopscope/sim/scenario.hpp"

namespace loopscope::sim::scenarios {
namespace {

coro<> countdown(long n) {
    while (n > 0) {
        out("T-minus", n);  // @print
        co_await sleep(1);  // @sleep
        n -= 1;
    }
    out("Liftoff!");  // @liftoff
}

coro<> main(const parameter_values& p) {
    co_await countdown(p.integer("n"));  // @await
}

}  // namespace

scenario_definition define_countdown() {
    return {.id = "countdown",
            .title = "One countdown",
            .explanation = "One task counts down from n. Each `await asyncio.sleep(1)` hands control back to "
                           "the event loop, which has nothing else to run: it waits for the timer, then "
                           "resumes the task one second later. Watch the timer heap fill and empty.",
            .parameters = {{.name = "n", .help = "where the countdown starts", .default_value = 3, .min = 0,
                            .max = 20}},
            .main = main,
            .cpp_file = __FILE__};
}

}  // namespace loopscope::sim::scenarios
