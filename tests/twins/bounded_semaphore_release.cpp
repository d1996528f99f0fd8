#include <string>

#include "twin.hpp"

using namespace loopscope;

static coro<> holder(semaphore& s) {
    co_await sleep(1);
    out("holder releases");
    s.release();
}

TWIN(bounded_semaphore_release) {
    bounded_semaphore bs(2);
    co_await bs.acquire();
    out("acquired once, locked =", bs.locked());
    bs.release();
    out("released once");
    try {
        bs.release();
    } catch (const std::invalid_argument&) {
        auto e = std::current_exception();
        out("over-release:", twins::python_type_name(e), twins::python_str(e));
    }

    // A plain Semaphore lets its value grow beyond the initial value.
    semaphore s(1);
    s.release();
    s.release();
    for (int i = 0; i < 3; ++i) {
        co_await s.acquire();
        out("plain acquire", i, "locked =", s.locked());
    }

    // Release from another task wakes a waiter.
    auto h = create_task(holder(s));
    co_await s.acquire();
    out("acquired after wait");
    co_await h;
}
