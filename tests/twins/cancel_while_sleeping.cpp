#include "twin.hpp"

using namespace loopscope;

static coro<> sleeper() {
    out("sleeper: going to sleep for 5");
    try {
        co_await sleep(5);
        out("sleeper: woke normally");  // not reached
    } catch (const cancelled_error&) {
        out("sleeper: cancelled while sleeping");
        out("sleeper: finally");
        throw;
    } catch (...) {
        out("sleeper: finally");
        throw;
    }
    out("sleeper: finally");
}

TWIN(cancel_while_sleeping) {
    auto t = create_task(sleeper());
    co_await sleep(1);
    out("main: cancelling, returned", t.cancel());
    out("main: right after cancel, done =", t.done());
    try {
        co_await t;
    } catch (const cancelled_error&) {
        out("main: task raised CancelledError");
    }
    out("main: cancelled =", t.cancelled());
    co_await sleep(5);
    out("main: the 5s timer did not wake anything");
}
