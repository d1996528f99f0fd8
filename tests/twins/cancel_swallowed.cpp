#include <string>

#include "twin.hpp"

using namespace loopscope;

static coro<std::string> stubborn() {
    bool cancelled = false;
    try {
        co_await sleep(10);
    } catch (const cancelled_error&) {
        cancelled = true;  // the except body awaits: it continues below
    }
    if (cancelled) {
        out("stubborn: caught CancelledError, cleaning up");
        co_await sleep(0.5);
        out("stubborn: returning a value instead");
        co_return "swallowed";
    }
    co_return "normal";
}

TWIN(cancel_swallowed) {
    auto t = create_task(stubborn());
    co_await sleep(1);
    out("main: cancel ->", t.cancel());
    std::string r = co_await t;
    out("main: await gave", r);
    out("main: cancelled =", t.cancelled(), "done =", t.done(), "result =", t.result());
    out("main: cancel on done task ->", t.cancel());
}
