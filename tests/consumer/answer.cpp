// The one-file program of `pkg-config --cflags --libs loopscope-core`: the runtime alone.
#include <cstdio>
#include <loopscope/core.hpp>
#include <loopscope/version.hpp>

loopscope::coro<int> answer() {
    co_await loopscope::sleep(1.5);
    co_return 42;
}

int main() {
    loopscope::event_loop loop;
    const int value = loop.run(answer());
    std::printf("%d at t=%.1f (loopscope %s)\n", value, loop.time(), loopscope::version);
}
