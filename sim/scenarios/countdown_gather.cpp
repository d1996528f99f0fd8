// countdown_gather: two countdowns run concurrently under asyncio.gather.
#include "loopscope/core.hpp"
#include "loopscope/sim/scenario.hpp"

namespace loopscope::sim::scenarios {
namespace {

coro<> countdown(std::string name, long n) {
    while (n > 0) {
        out(name, "T-minus", n);  // @print
        co_await sleep(1);        // @sleep
        n -= 1;
    }
    out(name, "liftoff");  // @liftoff
}

coro<> main(const parameter_values& p) {
    co_await gather(countdown("A", p.integer("a")), countdown("B", p.integer("b")));  // @gather
    out("both done");  // @done
}

}  // namespace

scenario_definition define_countdown_gather() {
    return {.id = "countdown_gather",
            .title = "Two countdowns with gather",
            .explanation = "gather(countdown(3), countdown(2)) wraps each coroutine in a task and waits for "
                           "both. While A sleeps, B runs: the two countdowns interleave, and the whole "
                           "program takes as long as the longer one (3 s), not the sum (5 s).",
            .parameters = {{.name = "a", .help = "where countdown A starts", .default_value = 3, .min = 0,
                            .max = 20},
                           {.name = "b", .help = "where countdown B starts", .default_value = 2, .min = 0,
                            .max = 20}},
            .main = main,
            .cpp_file = __FILE__};
}

}  // namespace loopscope::sim::scenarios
