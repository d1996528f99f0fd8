#include <algorithm>

#include "twin.hpp"

using namespace loopscope;

static coro<std::string> job(std::string name, double delay) {
    co_await sleep(delay);
    out(name, "finished");
    if (name == "boom") throw std::invalid_argument("exploded");
    std::string upper = name;
    for (auto& c : upper) c = char(std::toupper(static_cast<unsigned char>(c)));
    co_return upper;
}

template <class T>
static std::vector<T> sorted_by_name(std::vector<T> ts) {
    std::sort(ts.begin(), ts.end(), [](const T& a, const T& b) { return a.get_name() < b.get_name(); });
    return ts;
}

TWIN(wait_all_completed) {
    std::vector<std::pair<std::string, double>> plan = {{"x", 2}, {"boom", 1}, {"y", 3}};
    std::vector<task<std::string>> tasks;
    for (auto& [n, d] : plan) tasks.push_back(create_task(job(n, d), n));
    auto r = co_await wait(tasks);  // ALL_COMPLETED is the default
    out("done", r.done.size(), "pending", r.pending.size());
    for (auto& t : sorted_by_name(r.done)) {
        if (t.exception())
            out(t.get_name(), "->", twins::python_type_name(t.exception()), twins::python_str(t.exception()));
        else
            out(t.get_name(), "->", t.result());
    }
    r = co_await wait(tasks, return_when::all_completed);
    out("again: done", r.done.size(), "pending", r.pending.size());
}
