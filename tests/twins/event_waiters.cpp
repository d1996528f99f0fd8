#include <string>
#include <vector>

#include "twin.hpp"

using namespace loopscope;

static coro<> waiter(std::string name, event& ev) {
    out(name, "waits");
    bool r = co_await ev.wait();
    out(name, "woke, wait returned", r);
}

TWIN(event_waiters) {
    event ev;
    std::vector<task<>> tasks;
    for (const char* n : {"w1", "w2", "w3", "w4"}) tasks.push_back(create_task(waiter(n, ev)));
    co_await sleep(1);
    out("setting, is_set =", ev.is_set());
    ev.set();
    out("after set, is_set =", ev.is_set());
    co_await gather(tasks);
    // Waiting on an already-set event does not suspend.
    out("wait on set event ->", co_await ev.wait());
    ev.clear();
    out("cleared, is_set =", ev.is_set());
    auto late = create_task(waiter("late", ev));
    running_loop().call_later(2, [&ev] { ev.set(); });
    co_await late;
    out("done");
}
