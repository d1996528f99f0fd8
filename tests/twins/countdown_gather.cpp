#include "twin.hpp"

using namespace loopscope;

static coro<std::string> countdown(std::string name, int n) {
    while (n > 0) {
        out(name, n);
        co_await sleep(1);
        --n;
    }
    out(name, "done");
    co_return name;
}

TWIN(countdown_gather) {
    out("start");
    auto [a, b] = co_await gather(countdown("A", 3), countdown("B", 2));
    out("results", a, b);
    out("end");
}
