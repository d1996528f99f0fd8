#include "twin.hpp"

using namespace loopscope;

static coro<int> inner() {
    try {
        co_await sleep(3);
        out("inner: finished");
        co_return 42;
    } catch (const cancelled_error&) {
        out("inner: cancelled");
        throw;
    }
}

static coro<> outer(task<int> child) {
    out("outer: awaiting inner task");
    try {
        int v = co_await child;
        out("outer: got", v);
    } catch (const cancelled_error&) {
        out("outer: cancelled");
        throw;
    }
}

TWIN(cancel_while_awaiting_task) {
    auto child = create_task(inner(), "inner");
    auto parent = create_task(outer(child), "outer");
    co_await sleep(1);
    // Cancelling a task that awaits another task cancels that task too
    // (it is the future the outer task waits on).
    out("main: cancel outer ->", parent.cancel());
    co_await sleep(0);
    out("main: after one step, inner done =", child.done(), "outer done =", parent.done());
    co_await sleep(0);
    out("main: inner cancelled =", child.cancelled(), "outer cancelled =", parent.cancelled());
}
