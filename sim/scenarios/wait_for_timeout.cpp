// wait_for_timeout: asyncio.wait_for gives up on a slow operation and lets a fast one finish.
#include <string>

#include "loopscope/core.hpp"
#include "loopscope/sim/scenario.hpp"

namespace loopscope::sim::scenarios {
namespace {

coro<std::string> operation(std::string name, double seconds) {
    out(name, "starts");  // @starts
    try {
        co_await sleep(seconds);  // @sleep
    } catch (const cancelled_error&) {
        out(name, "cancelled by wait_for");  // @cancelled
        throw;
    }
    out(name, "finishes");  // @finishes
    co_return name + " result";
}

coro<> attempt(std::string name, double seconds, double timeout) {
    try {
        std::string result = co_await wait_for(operation(name, seconds), timeout);  // @wait_for
        out("got", result);  // @got
    } catch (const timeout_error&) {
        out(name, "timed out after", timeout, "s");  // @timed_out
    }
}

coro<> main(const parameter_values& p) {
    double timeout = p.number("timeout");
    co_await attempt("slow", p.number("slow"), timeout);  // @slow
    co_await attempt("fast", p.number("fast"), timeout);  // @fast
}

}  // namespace

scenario_definition define_wait_for_timeout() {
    return {.id = "wait_for_timeout",
            .title = "wait_for with a timeout",
            .explanation = "wait_for runs the operation as a task and arms a timer for the timeout. When the "
                           "timer fires first, wait_for cancels the task, waits for it to handle the "
                           "CancelledError, and only then raises TimeoutError in the caller. When the "
                           "operation finishes first, the timer is cancelled and never fires.",
            .parameters = {{.name = "timeout", .help = "seconds wait_for allows", .default_value = 1, .min = 0.1,
                            .max = 10, .integer = false},
                           {.name = "slow", .help = "seconds the slow operation takes", .default_value = 3,
                            .min = 0, .max = 10, .integer = false},
                           {.name = "fast", .help = "seconds the fast operation takes", .default_value = 0.5,
                            .min = 0, .max = 10, .integer = false}},
            .main = main,
            .cpp_file = __FILE__};
}

}  // namespace loopscope::sim::scenarios
