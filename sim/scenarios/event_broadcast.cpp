// event_broadcast: several tasks wait on one asyncio.Event; set() wakes them all.
#include <fmt/format.h>

#include <memory>
#include <string>
#include <vector>

#include "loopscope/core.hpp"
#include "loopscope/sim/scenario.hpp"

namespace loopscope::sim::scenarios {
namespace {

coro<> waiter(std::string name, std::shared_ptr<event> ev) {
    out(name, "waits for the event");  // @waits
    co_await ev->wait();  // @wait
    out(name, "wakes up");  // @wakes
}

coro<> main(const parameter_values& p) {
    // Shared, as a Python object is: waiters still waiting when main() ends use it.
    auto ev = std::make_shared<event>();
    std::vector<task<>> tasks;
    for (long i = 0; i < p.integer("n"); ++i) {
        tasks.push_back(create_task(waiter(fmt::format("waiter{}", i), ev)));  // @create
    }
    co_await sleep(p.number("delay"));  // @sleep
    out("main sets the event");  // @set
    ev->set();
    out("set() returned; no waiter has run yet");  // @after_set
    co_await gather(tasks);  // @gather
    out("all woke up; is_set() is still", ev->is_set());  // @all_woke
    co_await waiter("latecomer", ev);  // @late
}

}  // namespace

scenario_definition define_event_broadcast() {
    return {.id = "event_broadcast",
            .title = "One Event, many waiters",
            .explanation = "Every waiter parks on the same Event. set() does not run anyone: it marks the "
                           "event set and schedules a wake-up for each waiter, in the order they began "
                           "waiting, and they run in the next loop iteration. The event stays set, so the "
                           "latecomer's wait() returns without suspending at all.",
            .parameters = {{.name = "n", .help = "how many waiters", .default_value = 3, .min = 0, .max = 30},
                           {.name = "delay", .help = "seconds before main sets the event", .default_value = 1,
                            .min = 0, .max = 5, .integer = false}},
            .main = main,
            .cpp_file = __FILE__};
}

}  // namespace loopscope::sim::scenarios
