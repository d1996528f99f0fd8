// gather_results: gather returns the results in argument order, whatever order the tasks finish in.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "loopscope/core.hpp"
#include "loopscope/sim/scenario.hpp"

namespace loopscope::sim::scenarios {
namespace {

coro<long> square(long x, long delay) {
    co_await sleep(delay);                                         // @sleep
    out(fmt::format("square({}) finished after", x), delay, "s");  // @finished
    co_return x * x;
}

/// Python's str() of a list of numbers: "[0, 1, 4]".
std::string str(const std::vector<long>& values) {
    std::string text = "[";
    for (std::size_t i = 0; i < values.size(); ++i) text += (i ? ", " : "") + std::to_string(values[i]);
    return text + "]";
}

coro<> main(const parameter_values& p) {
    long n = p.integer("n");
    // The first argument sleeps longest: the tasks finish in reverse order.
    std::vector<coro<long>> jobs;
    for (long x = 0; x < n; ++x) jobs.push_back(square(x, n - x));
    std::vector<long> results = co_await gather(std::move(jobs));  // @gather
    out("results:", str(results));  // @results
}

}  // namespace

scenario_definition define_gather_results() {
    return {.id = "gather_results",
            .title = "gather keeps the argument order",
            .explanation = "square(0) sleeps longest and square(n-1) shortest, so the tasks finish last to "
                           "first. gather still returns the results in the order of its arguments: it "
                           "collects each task's value into its own slot and hands the list back only when "
                           "the slowest one is done.",
            .parameters = {{.name = "n", .help = "how many square() coroutines to gather", .default_value = 4,
                            .min = 1, .max = 30}},
            .main = main,
            .cpp_file = __FILE__};
}

}  // namespace loopscope::sim::scenarios
