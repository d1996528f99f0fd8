#include "twin.hpp"

using namespace loopscope;

TWIN(queue_nowait_errors) {
    queue<std::string> q(2);
    out("empty", q.empty(), "full", q.full(), "maxsize", q.maxsize());
    q.put_nowait("x");
    q.put_nowait("y");
    out("qsize", q.qsize(), "full", q.full());
    try {
        q.put_nowait("z");
    } catch (const queue_full&) {
        auto e = std::current_exception();
        out("put_nowait raised", twins::python_type_name(e), "'" + twins::python_str(e) + "'");
    }
    {
        std::string a = q.get_nowait();
        std::string b = q.get_nowait();
        out("get", a, b);
    }
    try {
        (void)q.get_nowait();
    } catch (const queue_empty&) {
        auto e = std::current_exception();
        out("get_nowait raised", twins::python_type_name(e), "'" + twins::python_str(e) + "'");
    }
    q.task_done();
    q.task_done();
    try {
        q.task_done();
    } catch (const std::invalid_argument&) {
        auto e = std::current_exception();
        out("task_done raised", twins::python_type_name(e), twins::python_str(e));
    }
    co_await q.join();  // nothing unfinished: returns at once
    out("join returned immediately");
    // get() on an empty queue waits until someone puts.
    event_loop& loop = running_loop();
    loop.call_later(1, [&q] { q.put_nowait("late"); });
    out("get waited for", co_await q.get());
    // Unbounded queue never reports full.
    queue<int> u;
    for (int i = 0; i < 100; ++i) u.put_nowait(i);
    out("unbounded qsize", u.qsize(), "full", u.full());
}
