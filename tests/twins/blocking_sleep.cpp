#include <cstdio>
#include <string>

#include "twin.hpp"

using namespace loopscope;

static coro<> ticker() {
    event_loop& loop = running_loop();
    for (int i = 0; i < 4; ++i) {
        co_await sleep(1);
        char buf[128];
        std::snprintf(buf, sizeof buf, "tick %d (wanted t=%d, loop.time=%.3f)", i, i + 1, loop.time());
        out(buf);
    }
}

static coro<> blocker() {
    co_await sleep(0.5);
    out("blocker: calling time.sleep(2), the loop is stuck");
    running_loop().block(2);
    out("blocker: time.sleep returned");
    co_await sleep(0);
    out("blocker: back after one yield");
}

TWIN(blocking_sleep) {
    co_await gather(ticker(), blocker());
    out("done");
}
