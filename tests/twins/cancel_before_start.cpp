#include <string>

#include "twin.hpp"

using namespace loopscope;

static coro<std::string> work() {
    out("work body started");  // never printed
    try {
        co_await sleep(1);
    } catch (...) {
        out("work finally");  // never printed either
        throw;
    }
    out("work finally");
    co_return "result";
}

TWIN(cancel_before_start) {
    auto t = create_task(work());
    out("cancel returned", t.cancel());
    out("done", t.done(), "cancelled", t.cancelled());
    try {
        co_await t;
    } catch (const cancelled_error&) {
        out("await raised", twins::python_type_name(std::current_exception()));
    }
    out("done", t.done(), "cancelled", t.cancelled());
    out("cancel again returned", t.cancel());
}
