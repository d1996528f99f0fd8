#include "twin.hpp"

using namespace loopscope;

// Seven tasks all sleep(1) from t=0: their timers have the same `when`.
// The loop pops due timers from a heapq heap; with equal keys heapq's
// pop order is NOT insertion order.

static coro<> sleeper(std::string name) {
    out(name, "sleeps");
    co_await sleep(1);
    out(name, "wakes");
}

TWIN(timer_ties_equal) {
    std::vector<std::string> names = {"t0", "t1", "t2", "t3", "t4", "t5", "t6"};
    std::vector<task<>> tasks;
    for (auto& n : names) tasks.push_back(create_task(sleeper(n)));
    for (auto& t : tasks) co_await t;
    out("all awake");
}
