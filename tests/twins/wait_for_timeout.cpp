#include "twin.hpp"

using namespace loopscope;

static coro<std::string> work(std::string name, double delay) {
    try {
        co_await sleep(delay);
        out(name, "finished");
        co_return name + " result";
    } catch (const cancelled_error&) {
        out(name, "cancelled by wait_for");
        throw;
    }
}

// isinstance(e, asyncio.TimeoutError)
static bool is_asyncio_timeout(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const timeout_error&) {
        return true;
    } catch (...) {
        return false;
    }
}

TWIN(wait_for_timeout) {
    // Times out: the inner task is cancelled, then TimeoutError is raised.
    try {
        std::string r = co_await wait_for(work("slow", 3), 1.0);
        out("got", r);
    } catch (const timeout_error&) {
        auto e = std::current_exception();
        out("wait_for raised", twins::python_type_name(e), "is asyncio.TimeoutError:", is_asyncio_timeout(e));
    }
    // Does not time out: the result comes back when the inner finishes.
    std::string r = co_await wait_for(work("fast", 1), 2.0);
    out("got", r);
    // The cancelled 2s timer of the second wait_for must not fire anything.
    co_await sleep(2);
    out("main done");
}
