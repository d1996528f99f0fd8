#include "twin.hpp"

using namespace loopscope;

static coro<> worker(std::string name, semaphore& sem, double duration) {
    out(name, "waiting, locked =", sem.locked());
    co_await sem.acquire();  // async with sem:
    std::exception_ptr error;
    try {
        out(name, "working");
        co_await sleep(duration);
        out(name, "done");
    } catch (...) {
        error = std::current_exception();
    }
    sem.release();
    if (error) std::rethrow_exception(error);
}

TWIN(semaphore_workers) {
    semaphore sem(2);
    std::vector<std::pair<std::string, double>> plan = {{"w1", 1}, {"w2", 2}, {"w3", 1}, {"w4", 1.5}, {"w5", 0.5}};
    std::vector<coro<>> workers;
    for (auto& [n, d] : plan) workers.push_back(worker(n, sem, d));
    co_await gather(std::move(workers));
    out("all workers done, locked =", sem.locked());
}
