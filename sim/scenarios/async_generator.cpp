// async_generator: `async for` over an async generator that awaits between values.
#include "loopscope/core.hpp"
#include "loopscope/sim/scenario.hpp"

namespace loopscope::sim::scenarios {
namespace {

async_generator<long> count_up(long n, double delay) {
    for (long i = 1; i <= n; ++i) {
        co_await sleep(delay);  // @sleep
        out("yielding", i);     // @yielding
        co_yield i;             // @yield
    }
}

coro<> main(const parameter_values& p) {
    long total = 0;
    auto numbers = count_up(p.integer("n"), p.number("delay"));
    while (auto i = co_await numbers.next()) {  // @for
        out("got", *i);  // @got
        total += *i;
    }
    out("total", total);  // @total
}

}  // namespace

scenario_definition define_async_generator() {
    return {.id = "async_generator",
            .title = "async for over an async generator",
            .explanation = "count_up is an async generator: it awaits a sleep before each value it yields. "
                           "`async for` asks it for the next value; the generator runs inside main's task, "
                           "so while it sleeps, main's task is the one waiting on the timer. There is no "
                           "second task: the producer and the consumer take turns in one lane.",
            .parameters = {{.name = "n", .help = "how many numbers count_up yields", .default_value = 3,
                            .min = 0, .max = 20},
                           {.name = "delay", .help = "seconds the generator sleeps before each value",
                            .default_value = 1, .min = 0, .max = 5, .integer = false}},
            .main = main,
            .cpp_file = __FILE__};
}

}  // namespace loopscope::sim::scenarios
