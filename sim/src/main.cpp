// loopscope: runs gather(countdown(3), countdown(2)) on the virtual clock and
// prints what it printed, each line with the virtual time it was printed at.
#include <cstdio>

#include "loopscope/core.hpp"

using namespace loopscope;

namespace {

coro<> countdown(int n) {
    while (n > 0) {
        out("T-minus", n);
        co_await sleep(1);
        --n;
    }
}

coro<> main_task() {
    co_await gather(countdown(3), countdown(2));
    out("Liftoff: 2 countdowns in 3 s of virtual time, not 5");
}

}  // namespace

int main() {
    event_loop loop;
    loop.set_output([&](std::string_view line) {
        std::printf("t=%.3f %.*s\n", loop.time(), int(line.size()), line.data());
    });
    loop.run(main_task());
    std::puts("(The interactive visualizer is not built yet: this is the headless log.)");
}
