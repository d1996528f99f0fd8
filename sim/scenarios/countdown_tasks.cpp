// countdown_tasks: two countdowns started as tasks, then awaited one after the other.
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
    task<> task_a = create_task(countdown("A", p.integer("a")));  // @create_a
    task<> task_b = create_task(countdown("B", p.integer("b")));  // @create_b
    out("both tasks created; neither has started yet");  // @created
    co_await task_a;  // @await_a
    out("A is done");  // @a_done
    co_await task_b;  // @await_b
    out("B is done");  // @b_done
}

}  // namespace

scenario_definition define_countdown_tasks() {
    return {.id = "countdown_tasks",
            .title = "Two countdowns as tasks",
            .explanation = "create_task schedules each countdown at once, so both run while main waits on "
                           "`await task_a`, even though the awaits come one after the other. Watch B's "
                           "lane: it counts down beside A. When B is the shorter countdown, it is done by the "
                           "time main reaches `await task_b`, and that await returns without waiting.",
            .parameters = {{.name = "a", .help = "where countdown A starts", .default_value = 3, .min = 0,
                            .max = 20},
                           {.name = "b", .help = "where countdown B starts", .default_value = 2, .min = 0,
                            .max = 20}},
            .main = main,
            .cpp_file = __FILE__};
}

}  // namespace loopscope::sim::scenarios
