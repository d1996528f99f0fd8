// gather_exception: one job raises; gather passes the error on, or returns it among the results.
#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "loopscope/core.hpp"
#include "loopscope/sim/scenario.hpp"

namespace loopscope::sim::scenarios {
namespace {

coro<std::string> job(std::string name, long seconds, bool fails) {
    co_await sleep(seconds);  // @sleep
    if (fails) {
        out(name, "raises ValueError");  // @raises
        throw std::invalid_argument(name + " failed");  // raise ValueError(...)
    }
    out(name, "finished");  // @finished
    co_return name;
}

std::vector<coro<std::string>> make_jobs(std::string prefix, long n, long failing) {
    std::vector<coro<std::string>> jobs;
    for (long i = 0; i < n; ++i) jobs.push_back(job(fmt::format("{}{}", prefix, i), i + 1, i == failing));
    return jobs;
}

// Python's repr() of the result lists: ['b0', ValueError('b1 failed'), 'b2'].
std::string repr(const std::string& s) { return "'" + s + "'"; }

std::string repr(const outcome<std::string>& result) {
    if (result.has_value()) return repr(result.value());
    try {
        std::rethrow_exception(result.error());
    } catch (const std::invalid_argument& e) {
        return "ValueError(" + repr(e.what()) + ")";
    }
}

template <class T>
std::string repr(const std::vector<T>& items) {
    std::string text = "[";
    for (std::size_t i = 0; i < items.size(); ++i) text += (i ? ", " : "") + repr(items[i]);
    return text + "]";
}

coro<> main(const parameter_values& p) {
    long n = p.integer("n"), failing = p.integer("failing");
    try {
        std::vector<std::string> results = co_await gather(make_jobs("a", n, failing));  // @gather
        out("results:", repr(results));  // @results
    } catch (const std::invalid_argument& e) {
        out("gather raised ValueError:", e.what());  // @caught
    }
    // The other a-jobs were not cancelled: they finish in the background, below.
    auto results = co_await gather(return_exceptions, make_jobs("b", n, failing));  // @gather_all
    out("results:", repr(results));  // @results_all
}

}  // namespace

scenario_definition define_gather_exception() {
    return {.id = "gather_exception",
            .title = "An exception inside gather",
            .explanation = "When a job raises, gather raises that exception in main at once, but it does not "
                           "cancel the other jobs: watch a2 go on and finish while the b-jobs run. With "
                           "return_exceptions=True, gather waits for every job instead and returns the "
                           "exception in the failed job's slot of the results list.",
            .parameters = {{.name = "n", .help = "how many jobs (job i sleeps i + 1 seconds)",
                            .default_value = 3, .min = 1, .max = 20},
                           {.name = "failing", .help = "which job raises (n or more: none does)",
                            .default_value = 1, .min = 0, .max = 20}},
            .main = main,
            .cpp_file = __FILE__};
}

}  // namespace loopscope::sim::scenarios
