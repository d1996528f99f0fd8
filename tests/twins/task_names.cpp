#include "twin.hpp"

using namespace loopscope;

static coro<> report(std::string label) {
    co_await sleep(0);
    out(label, "runs as", current_task().get_name());
}

TWIN(task_names) {
    any_task me = current_task();
    out("main task is", me.get_name());
    auto t2 = create_task(report("first"));
    auto t3 = create_task(report("second"), "custom");
    auto t4 = create_task(report("third"));
    // An explicitly named task still consumes a number: t4 is Task-4.
    out("names:", t2.get_name(), t3.get_name(), t4.get_name());
    t4.set_name("renamed");
    out("after set_name:", t4.get_name());
    co_await gather(t2, t3, t4);
    // gather() wraps coroutines in new tasks: they take the next numbers.
    co_await gather(report("g1"), report("g2"));
    auto t = create_task(report("numbered"));
    out("next default name:", t.get_name());
    co_await t;
    t.set_name(std::to_string(123));  // set_name(123) stores str(123)
    out("set_name(123) ->", "'" + t.get_name() + "'");
    out("all_tasks now:", all_tasks().size());
}
