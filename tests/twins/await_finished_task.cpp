#include <string>

#include "twin.hpp"

using namespace loopscope;

static coro<std::string> quick() {
    out("quick runs");
    co_return "quick result";
}

static coro<> chatter() {
    for (int i = 0; i < 3; ++i) {
        out("chatter", i);
        co_await sleep(0);
    }
}

TWIN(await_finished_task) {
    auto t = create_task(quick());
    co_await sleep(0);
    out("quick done?", t.done());
    auto c = create_task(chatter());
    co_await sleep(0);
    out("main: awaiting the finished task");
    std::string r = co_await t;  // already done: no suspension
    out("main: got", r, "without yielding");
    std::string r2 = co_await t;
    out("main: again", r2);
    co_await c;
    out("done");
}
