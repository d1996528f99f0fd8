#include <string>

#include "twin.hpp"

using namespace loopscope;

static coro<std::string> ok(std::string name, double delay) {
    co_await sleep(delay);
    out(name, "finished at its own pace");
    co_return name;
}

static coro<> bad(double delay) {
    co_await sleep(delay);
    out("bad raises");
    throw std::invalid_argument("boom");
}

TWIN(gather_exception) {
    try {
        auto [a, b, c] = co_await gather(ok("a", 2), bad(1), ok("c", 3));
        (void)b;
        out("results", "['" + a + "', None, '" + c + "']");  // not reached
    } catch (const std::invalid_argument& e) {
        out("gather raised", twins::python_type_name(std::current_exception()), e.what());
    }
    // The other children were not cancelled: they keep running.
    co_await sleep(3);
    out("main done");
}
