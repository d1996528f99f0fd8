// fetch_concurrent: simulated web requests, all in flight at once under gather.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "loopscope/core.hpp"
#include "loopscope/sim/scenario.hpp"

namespace loopscope::sim::scenarios {
namespace {

coro<long> fetch(std::string url, double latency) {
    out("GET", url);          // @get
    co_await sleep(latency);  // @network
    out("200 OK", url);       // @ok
    co_return long(url.size()) * 100;  // a pretend page size in bytes
}

coro<> main(const parameter_values& p) {
    long n = p.integer("n");
    double latency = p.number("latency");
    event_loop& loop = running_loop();
    double start = loop.time();
    // Some servers are slower than others: 1, 2 or 3 times the latency.
    std::vector<coro<long>> requests;
    double one_by_one = 0;
    for (long i = 0; i < n; ++i) {
        double delay = latency * double(i % 3 + 1);
        requests.push_back(fetch(fmt::format("https://example.com/page{}", i), delay));
        one_by_one += delay;
    }
    std::vector<long> sizes = co_await gather(std::move(requests));  // @gather
    long total = 0;
    for (long size : sizes) total += size;
    double elapsed = loop.time() - start;
    out(fmt::format("{} pages, {} bytes in {:.2f} s", n, total, elapsed));  // @summary
    out(fmt::format("one by one, they would take {:.2f} s", one_by_one));   // @one_by_one
}

}  // namespace

scenario_definition define_fetch_concurrent() {
    return {.id = "fetch_concurrent",
            .title = "Concurrent downloads",
            .explanation = "Each fetch prints GET and then waits on the network (a sleep standing in for the "
                           "server's reply). gather sends every request before the first reply arrives, so "
                           "the waits overlap: the batch takes as long as the slowest server, not the sum "
                           "of all latencies. Watch the timer heap hold one timer per request in flight.",
            .parameters = {{.name = "n", .help = "how many pages to fetch", .default_value = 5, .min = 1,
                            .max = 50},
                           {.name = "latency", .help = "seconds the fastest server takes to answer",
                            .default_value = 0.5, .min = 0, .max = 5, .integer = false}},
            .main = main,
            .cpp_file = __FILE__};
}

}  // namespace loopscope::sim::scenarios
