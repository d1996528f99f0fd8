#include <loopscope/core.hpp>
#include <loopscope/sim/recorder.hpp>
#include <loopscope/sim/trace_file.hpp>
using namespace loopscope;

coro<> worker(int n) { for (int i = 0; i < n; ++i) co_await sleep(0.5); }
coro<> main_task() { co_await gather(worker(2), worker(3)); }

int main() {
    sim::trace trace;
    event_loop loop;
    {
        sim::recorder recording(loop, trace);   // stops at 2,000,000 events by default
        loop.run(main_task());
    }
    sim::save_trace(trace, "mine.loopscope");   // loopscope --open mine.loopscope
}
