#include <cstdio>
#include <string>

#include "twin.hpp"

using namespace loopscope;

// Virtual time is a float advanced by `clock += timeout`, so 0.1 steps
// drift: 0.1 + 0.2 != 0.3.

static std::string exact(double t) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", t);
    return buf;
}

static coro<> stepper(std::string name, double step, int n) {
    event_loop& loop = running_loop();
    for (int i = 0; i < n; ++i) co_await sleep(step);
    out(name, "finished, exact time", exact(loop.time()));
}

static coro<> direct(std::string name, double delay) {
    event_loop& loop = running_loop();
    co_await sleep(delay);
    out(name, "finished, exact time", exact(loop.time()));
}

TWIN(float_clock_drift) {
    co_await gather(direct("d0.3", 0.3), stepper("s0.1x3", 0.1, 3), direct("d1.0", 1.0),
                    stepper("s0.1x10", 0.1, 10), stepper("s0.25x4", 0.25, 4));
    event_loop& loop = running_loop();
    out("end, exact time", exact(loop.time()));
}
