#include "twin.hpp"

using namespace loopscope;

// Eight tasks sleep different delays with many ties (when = 1, 2 or 3).
// Equal-`when` timers leave the heapq heap in sift order, not creation
// order; the second round re-sleeps from inside the wakeups.

static coro<> sleeper(std::string name, int first, int second) {
    co_await sleep(first);
    out(name, "round 1");
    co_await sleep(second);
    out(name, "round 2");
}

struct step {
    const char* name;
    int first, second;
};

TWIN(timer_ties_mixed) {
    std::vector<step> plan = {{"a", 3, 1}, {"b", 1, 3}, {"c", 2, 2}, {"d", 1, 3},
                              {"e", 3, 1}, {"f", 2, 2}, {"g", 1, 3}, {"h", 2, 2}};
    std::vector<task<>> tasks;
    for (auto& p : plan) tasks.push_back(create_task(sleeper(p.name, p.first, p.second)));
    co_await gather(tasks);
    out("done");
}
