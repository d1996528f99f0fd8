#include "twin.hpp"

using namespace loopscope;

static coro<> fail_now(std::exception_ptr exc) {
    out("raising", twins::python_type_name(exc));
    std::rethrow_exception(exc);
    co_return;  // unreachable: makes this a coroutine, as `async def` is
}

static coro<> sleeper() {
    try {
        co_await sleep(1);
        out("sleeper finished");
    } catch (const cancelled_error&) {
        out("sleeper cancelled");
        throw;
    }
}

// asyncio.sleep(delay, result=...)
static coro<std::string> sleep_result(double delay, std::string result) {
    co_await sleep(delay);
    co_return result;
}

TWIN(taskgroup_two_failures) {
    // Both children raise in the same loop iteration, before the group's
    // done-callbacks run: both errors end up in the ExceptionGroup.
    try {
        co_await with_task_group([&](task_group& tg) -> coro<> {
            tg.create_task(fail_now(std::make_exception_ptr(std::invalid_argument("v"))));
            tg.create_task(sleeper());
            tg.create_task(fail_now(std::make_exception_ptr(std::out_of_range("'k'"))));  // str(KeyError('k'))
            out("body exits, __aexit__ waits");
            co_return;
        });
    } catch (const exception_group& eg) {
        out("ExceptionGroup:", eg.what());
        out("message:", eg.message());
        for (auto& e : eg.exceptions()) out(" -", twins::python_type_name(e), twins::python_str(e));
    }
    // A group whose children all succeed.
    task<std::string> t1, t2;
    co_await with_task_group([&](task_group& tg) -> coro<> {
        t1 = tg.create_task(sleep_result(1, "one"));
        t2 = tg.create_task(sleep_result(2, "two"));
        co_return;
    });
    out("results", t1.result(), t2.result());
}
