#include <algorithm>

#include "twin.hpp"

using namespace loopscope;

static coro<int> job(std::string name, int delay) {
    co_await sleep(delay);
    out("job", name, "finished");
    co_return delay;
}

template <class T>
static std::string names(const std::vector<T>& tasks) {
    std::vector<std::string> ns;
    for (auto& t : tasks) ns.push_back(t.get_name());
    std::sort(ns.begin(), ns.end());
    std::string s;
    for (std::size_t i = 0; i < ns.size(); ++i) s += (i ? " " : "") + ns[i];
    return s;
}

TWIN(wait_first_completed) {
    // q and s finish in the same loop iteration: both are in `done`.
    std::vector<std::pair<std::string, int>> plan = {{"p", 3}, {"q", 1}, {"r", 2}, {"s", 1}};
    std::vector<task<int>> tasks;
    for (auto& [n, d] : plan) tasks.push_back(create_task(job(n, d), n));
    auto r = co_await wait(tasks, return_when::first_completed);
    out("done:", names(r.done));
    out("pending:", names(r.pending));
    // wait() cancels nothing: the pending ones still finish.
    r = co_await wait(r.pending, return_when::first_completed);
    out("done:", names(r.done));
    out("pending:", names(r.pending));
    int total = 0;
    for (auto& t : tasks) total += co_await t;
    out("total", total);
}
