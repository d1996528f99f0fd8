#include <algorithm>

#include "twin.hpp"

using namespace loopscope;

static coro<std::string> job(std::string name, double delay, bool fail = false) {
    co_await sleep(delay);
    if (fail) {
        out(name, "fails");
        throw std::runtime_error(name + " broke");
    }
    out(name, "succeeds");
    co_return name;
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

TWIN(wait_first_exception) {
    std::vector<task<std::string>> tasks;
    tasks.push_back(create_task(job("a", 1), "a"));
    tasks.push_back(create_task(job("b", 2, true), "b"));
    tasks.push_back(create_task(job("c", 3), "c"));
    auto r = co_await wait(tasks, return_when::first_exception);
    out("done:", names(r.done));
    out("pending:", names(r.pending));
    auto done = r.done;
    std::sort(done.begin(), done.end(), [](auto& a, auto& b) { return a.get_name() < b.get_name(); });
    for (auto& t : done) {
        auto e = t.exception();
        if (!e)
            out(t.get_name(), "result", t.result());
        else
            out(t.get_name(), "exception", twins::python_type_name(e), twins::python_str(e));
    }
    // Without any failure, FIRST_EXCEPTION waits for everything.
    std::vector<task<std::string>> more;
    for (const char* n : {"d", "e"}) more.push_back(create_task(job(n, 1), n));
    r = co_await wait(more, return_when::first_exception);
    out("done:", names(r.done), "pending:", r.pending.size());
    co_await tasks[2];
}
