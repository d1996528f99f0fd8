#include <string>

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

TWIN(countdown_sequential) {
    out("start");
    co_await countdown("A", 3);
    co_await countdown("B", 2);
    out("end");
}
