#include <algorithm>

#include "twin.hpp"

using namespace loopscope;

static coro<int> job(int delay) {
    try {
        co_await sleep(delay);
        out("job", delay, "finished");
        co_return delay;
    } catch (const cancelled_error&) {
        out("job", delay, "cancelled");
        throw;
    }
}

template <class T>
static std::vector<T> sorted_by_name(std::vector<T> ts) {
    std::sort(ts.begin(), ts.end(), [](const T& a, const T& b) { return a.get_name() < b.get_name(); });
    return ts;
}

template <class T>
static std::string names(const std::vector<T>& tasks) {
    std::string s;
    for (auto& t : sorted_by_name(tasks)) s += (s.empty() ? "" : " ") + t.get_name();
    return s;
}

TWIN(wait_timeout) {
    std::vector<task<int>> tasks;
    for (int d : {1, 2, 3}) tasks.push_back(create_task(job(d), "j" + std::to_string(d)));
    auto r = co_await wait(tasks, return_when::all_completed, 1.5);
    out("after timeout: done:", names(r.done), "pending:", names(r.pending));
    // wait() with a timeout does not cancel anything; do it ourselves.
    for (auto& t : sorted_by_name(r.pending)) t.cancel();
    r = co_await wait(tasks, return_when::all_completed, 10.0);
    out("second wait returned early: done", r.done.size(), "pending", r.pending.size());
    std::string flags;
    for (auto& t : tasks) flags += (flags.empty() ? "" : " ") + std::string(t.cancelled() ? "True" : "False");
    out("cancelled:", flags);
}
