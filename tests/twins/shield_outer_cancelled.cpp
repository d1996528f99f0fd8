#include "twin.hpp"

using namespace loopscope;

static coro<std::string> precious() {
    out("precious: start");
    co_await sleep(3);
    out("precious: finished");
    co_return "saved";
}

static coro<std::string> guard(task<std::string> inner) {
    try {
        co_return co_await shield(inner);
    } catch (const cancelled_error&) {
        out("guard: cancelled, inner done =", inner.done());
        throw;
    }
}

TWIN(shield_outer_cancelled) {
    auto inner = create_task(precious());
    auto outer = create_task(guard(inner));
    co_await sleep(1);
    out("main: cancel outer ->", outer.cancel());
    try {
        co_await outer;
    } catch (const cancelled_error&) {
        out("main: outer cancelled =", outer.cancelled());
    }
    out("main: inner cancelled =", inner.cancelled());
    std::string r = co_await inner;
    out("main: inner result", r);
}
