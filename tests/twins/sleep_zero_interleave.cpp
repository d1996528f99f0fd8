#include "twin.hpp"

using namespace loopscope;

static coro<> worker(std::string name, int steps) {
    for (int i = 0; i < steps; ++i) {
        out(name, "step", i);
        co_await sleep(0);
    }
    out(name, "finished");
}

TWIN(sleep_zero_interleave) {
    std::vector<task<>> tasks;
    tasks.push_back(create_task(worker("x", 3)));
    tasks.push_back(create_task(worker("y", 2)));
    tasks.push_back(create_task(worker("z", 4)));
    out("main yields once");
    co_await sleep(0);
    out("main back");
    for (auto& t : tasks) co_await t;
    out("all finished");
}
