#include "twin.hpp"

using namespace loopscope;

static coro<int> level3() {
    out("level3 in", current_task().get_name());
    co_await sleep(1);
    out("level3 woke");
    co_return 3;
}

static coro<int> level2() {
    out("level2 in", current_task().get_name());
    int v = co_await level3();
    co_return v + 20;
}

static coro<int> level1() {
    out("level1 in", current_task().get_name());
    int v = co_await level2();
    co_return v + 100;
}

TWIN(nested_await_chain) {
    out("tasks before:", all_tasks().size());
    int r = co_await level1();  // plain coroutine chain: runs inside Task-1
    out("result", r, "tasks after:", all_tasks().size());
    auto t = create_task(level1());  // the same chain in a new task
    out("created", t.get_name(), "tasks now:", all_tasks().size());
    out("result", co_await t);
}
