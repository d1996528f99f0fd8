#include <string>

#include "twin.hpp"

using namespace loopscope;

static coro<std::string> child(std::string name, double delay) {
    try {
        co_await sleep(delay);
        out(name, "finished");
        co_return name;
    } catch (const cancelled_error&) {
        out(name, "cancelled");
        throw;
    }
}

TWIN(cancel_gather) {
    // 1) Cancelling the gather cancels every child.
    auto a = create_task(child("a", 2));
    auto b = create_task(child("b", 3));
    auto g = gather(a, b);
    co_await sleep(1);
    out("cancel gather ->", g.cancel());
    try {
        co_await g;
    } catch (const cancelled_error&) {
        out("gather raised CancelledError");
    }
    out("a cancelled", a.cancelled(), "b cancelled", b.cancelled());

    // 2) Cancelling one child: the gather fails with CancelledError,
    //    the other children keep running.
    auto c = create_task(child("c", 1));
    auto d = create_task(child("d", 2));
    auto g2 = gather(c, d);
    co_await sleep(0.5);
    out("cancel child c ->", c.cancel());
    try {
        co_await g2;
    } catch (const cancelled_error&) {
        out("gather2 raised CancelledError, d done =", d.done());
    }
    out("d result", co_await d);
}
