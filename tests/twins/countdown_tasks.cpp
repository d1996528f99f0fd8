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

TWIN(countdown_tasks) {
    out("start");
    auto a = create_task(countdown("A", 3));
    auto b = create_task(countdown("B", 2));
    out("created, not started yet");
    std::string ra = co_await a;
    out("got", ra);
    std::string rb = co_await b;
    out("got", rb);
    out("end");
}
