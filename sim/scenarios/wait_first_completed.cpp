// wait_first_completed: ask several mirrors, keep the first answer, cancel the rest.
#include <fmt/format.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "loopscope/core.hpp"
#include "loopscope/sim/scenario.hpp"

namespace loopscope::sim::scenarios {
namespace {

coro<std::string> download(std::string mirror, long seconds) {
    try {
        co_await sleep(seconds);  // @sleep
    } catch (const cancelled_error&) {
        out(mirror, "cancelled");  // @cancelled
        throw;
    }
    out(mirror, "finished after", seconds, "s");  // @finished
    co_return mirror;
}

coro<> main(const parameter_values& p) {
    long n = p.integer("n");
    long fastest = p.integer("fastest");
    std::vector<task<std::string>> tasks;
    for (long i = 0; i < n; ++i) {
        std::string mirror = fmt::format("mirror{}", i);
        long seconds = 1 + std::labs(i - fastest);
        tasks.push_back(create_task(download(mirror, seconds), mirror));  // @create
    }
    auto [done, pending] = co_await wait(tasks, return_when::first_completed);  // @wait
    task<std::string> winner = done.front();  // done.pop(): exactly one finished first
    out("first answer from", winner.result());  // @winner
    out(pending.size(), "still pending: cancel them");  // @pending
    for (auto& t : tasks) {  // the pending ones, in creation order (Python's `pending` is a set)
        if (!t.done()) t.cancel();
    }
    co_await wait(pending);  // @wait_cancelled
    for (auto& t : tasks) {
        out(t.get_name(), "cancelled:", t.cancelled());  // @status
    }
}

}  // namespace

scenario_definition define_wait_first_completed() {
    return {.id = "wait_first_completed",
            .title = "First answer wins",
            .explanation = "asyncio.wait(..., return_when=FIRST_COMPLETED) returns as soon as one task is "
                           "done, with the (done, pending) sets. wait itself cancels nothing: main cancels "
                           "the pending tasks, each one sees CancelledError at its sleep, and the second "
                           "wait lets those cancellations finish before main reports.",
            .parameters = {{.name = "n", .help = "how many mirrors to ask", .default_value = 3, .min = 2,
                            .max = 20},
                           {.name = "fastest", .help = "which mirror answers first (the others take 1 s longer "
                                                       "per step away from it)",
                            .default_value = 1, .min = 0, .max = 19}},
            .main = main,
            .cpp_file = __FILE__};
}

}  // namespace loopscope::sim::scenarios
