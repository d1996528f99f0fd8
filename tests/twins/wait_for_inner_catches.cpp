#include "twin.hpp"

using namespace loopscope;

static coro<std::string> stubborn() {
    try {
        co_await sleep(5);
        co_return "finished normally";
    } catch (const cancelled_error&) {
        // handled below: C++ cannot co_await inside a catch block
    }
    out("stubborn: got cancelled, cleaning up for 0.5s");
    co_await sleep(0.5);
    out("stubborn: returning anyway");
    co_return "value after cancel";
}

TWIN(wait_for_inner_catches) {
    // In 3.11, wait_for waits for the cancelled inner task to finish; if it
    // swallowed the cancellation and returned, wait_for returns that value.
    try {
        std::string r = co_await wait_for(stubborn(), 1.0);
        out("wait_for returned", r);
    } catch (const timeout_error&) {
        out("wait_for raised TimeoutError");  // not reached
    }
    out("main done");
}
