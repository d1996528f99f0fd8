// sequential_vs_concurrent: the same jobs awaited one by one, then gathered.
#include <fmt/format.h>

#include <vector>

#include "loopscope/core.hpp"
#include "loopscope/sim/scenario.hpp"

namespace loopscope::sim::scenarios {
namespace {

coro<> job(std::string name, double seconds) {
    out(name, "starts");      // @starts
    co_await sleep(seconds);  // @sleep
    out(name, "ends");        // @ends
}

coro<> main(const parameter_values& p) {
    long n = p.integer("n");
    double seconds = p.number("seconds");
    event_loop& loop = running_loop();

    double start = loop.time();
    for (long i = 0; i < n; ++i) {
        co_await job(fmt::format("sequential {}", i), seconds);  // @await_one
    }
    out(fmt::format("one by one: {:.2f} s", loop.time() - start));  // @sequential

    start = loop.time();
    std::vector<coro<>> jobs;
    for (long i = 0; i < n; ++i) jobs.push_back(job(fmt::format("concurrent {}", i), seconds));
    co_await gather(std::move(jobs));  // @gather
    out(fmt::format("with gather: {:.2f} s", loop.time() - start));  // @concurrent
}

}  // namespace

scenario_definition define_sequential_vs_concurrent() {
    return {.id = "sequential_vs_concurrent",
            .title = "One by one, then together",
            .explanation = "`await job()` inside a loop runs the jobs one after the other: each await waits "
                           "for its job to end before the next starts, so n jobs take n times as long. "
                           "gather starts them all and waits once: their sleeps overlap and the whole batch "
                           "takes as long as one job. Compare the two halves of the timeline.",
            .parameters = {{.name = "n", .help = "how many jobs", .default_value = 2, .min = 1, .max = 20},
                           {.name = "seconds", .help = "how long each job sleeps", .default_value = 1, .min = 0,
                            .max = 10, .integer = false}},
            .main = main,
            .cpp_file = __FILE__};
}

}  // namespace loopscope::sim::scenarios
