#include "twin.hpp"

using namespace loopscope;

// The C++ timeout() has no context-manager object: cm.expired() is whether
// the scope raised timeout_error (the bodies here either outlive the deadline
// or finish well before it), and cm.reschedule(t) before the body's first
// await is the same as entering timeout_at(t).

static coro<> body1() {
    out("body 1 start");
    co_await sleep(2);
    out("body 1 end");  // not reached
}

static coro<> body2() {
    out("body 2 start");
    co_await sleep(1);
    out("body 2 end");
}

static coro<> body3() {
    out("body 3 rescheduled");
    co_await sleep(5);
}

static coro<> body4() { co_await sleep(1); }

TWIN(timeout_context) {
    // Expires: the body is cancelled, TimeoutError leaves the block.
    bool expired = false;
    try {
        co_await timeout(1.0, body1());
    } catch (const timeout_error&) {
        expired = true;
        out("timeout 1 expired:", expired);
    }

    // Does not expire.
    expired = false;
    co_await timeout(2.0, body2());
    out("timeout 2 expired:", expired);

    // timeout_at with an absolute deadline, rescheduled later.
    event_loop& loop = running_loop();
    try {
        co_await timeout_at(loop.time() + 3, body3());  // timeout_at(now + 1), then reschedule(now + 3)
    } catch (const timeout_error&) {
        expired = true;
        out("timeout 3 expired:", expired);
    }

    // timeout(None): never expires.
    co_await timeout(std::nullopt, body4());
    out("done");
}
