// semaphore_fetch: at most k downloads in flight at once, thanks to a Semaphore.
#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "loopscope/core.hpp"
#include "loopscope/sim/scenario.hpp"

namespace loopscope::sim::scenarios {
namespace {

/// What `async with sem:` does at the end of its block, however the block ends.
struct release_at_exit {
    semaphore& sem;
    ~release_at_exit() { sem.release(); }
};

coro<> fetch(std::string url, std::shared_ptr<semaphore> sem, double latency) {
    out(url, "waits for a slot");  // @waits
    co_await sem->acquire();       // @acquire
    release_at_exit slot{*sem};
    out(url, "downloading");  // @downloading
    co_await sleep(latency);  // @network
    out(url, "done");         // @done
}

coro<> main(const parameter_values& p) {
    long n = p.integer("n");
    double latency = p.number("latency");
    // Shared, as a Python object is: downloads still running when main() ends release it.
    auto sem = std::make_shared<semaphore>(int(p.integer("k")));
    // Some servers are slower than others: 1, 2 or 3 times the latency.
    std::vector<coro<>> downloads;
    for (long i = 0; i < n; ++i) {
        downloads.push_back(fetch(fmt::format("url{}", i), sem, latency * double(i % 3 + 1)));
    }
    co_await gather(std::move(downloads));  // @gather
    out("all", n, "downloads done");  // @all_done
}

}  // namespace

scenario_definition define_semaphore_fetch() {
    return {.id = "semaphore_fetch",
            .title = "At most k at a time: Semaphore",
            .explanation = "All n downloads start at once, but `async with sem` lets only k of them past: "
                           "the others wait in the semaphore's queue. Each time a download ends and "
                           "releases its slot, the longest-waiting one wakes up and starts, so there are "
                           "never more than k timers for downloads in the heap.",
            .parameters = {{.name = "n", .help = "how many downloads", .default_value = 6, .min = 1, .max = 50},
                           {.name = "k", .help = "how many may run at once", .default_value = 2, .min = 1,
                            .max = 10},
                           {.name = "latency", .help = "seconds the fastest server takes", .default_value = 1,
                            .min = 0, .max = 5, .integer = false}},
            .main = main,
            .cpp_file = __FILE__};
}

}  // namespace loopscope::sim::scenarios
