#include <string>

#include "twin.hpp"

using namespace loopscope;

static coro<std::string> inner() {
    try {
        co_await sleep(5);
    } catch (const cancelled_error&) {
        out("inner: cancelled");
        out("inner: finally");
        throw;
    } catch (...) {
        out("inner: finally");
        throw;
    }
    out("inner: finally");
    co_return "inner result";
}

static coro<> caller() {
    try {
        std::string r = co_await wait_for(inner(), 3);
        out("caller: got", r);
    } catch (const cancelled_error&) {
        out("caller: cancelled inside wait_for");
        throw;
    } catch (const timeout_error&) {
        out("caller: timed out");  // not reached: cancelled first
    }
}

TWIN(cancel_wait_for) {
    auto t = create_task(caller());
    co_await sleep(1);
    out("main: cancel caller ->", t.cancel());
    try {
        co_await t;
    } catch (const cancelled_error&) {
        out("main: caller is cancelled =", t.cancelled());
    }
    co_await sleep(3);
    out("main: wait_for timer (t=3) fired nothing");
}
