#include <string>

#include "twin.hpp"

using namespace loopscope;

static void cb(const std::string& label) { out("callback", label); }

static coro<> task_body(std::string name) {
    out(name, "step 1");
    co_await sleep(0);
    out(name, "step 2");
    co_await sleep(0.5);
    out(name, "after sleep(0.5)");
}

TWIN(call_soon_call_later) {
    event_loop& loop = running_loop();
    loop.call_later(0.5, [] { cb("later 0.5 (before the task's sleep)"); });
    loop.call_soon([] { cb("soon 1"); });
    create_task(task_body("T"));
    loop.call_soon([] { cb("soon 2"); });
    auto h = loop.call_later(0.25, [] { cb("cancelled, never runs"); });
    loop.call_at(loop.time() + 1, [] { cb("call_at +1"); });
    loop.call_later(1, [] { cb("later 1"); });
    h.cancel();
    out("main: scheduled everything");
    co_await sleep(0);
    out("main: after sleep(0)");
    loop.call_soon([] { cb("soon 3"); });
    loop.call_later(0, [] { cb("later 0"); });
    co_await sleep(1.5);
    out("main: done");
}
