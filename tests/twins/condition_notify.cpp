#include <string>
#include <vector>

#include "twin.hpp"

using namespace loopscope;

static coro<> waiter(std::string name, condition& cond, std::vector<std::string>& log) {
    co_await cond.acquire();  // async with cond:
    std::exception_ptr error;
    try {
        out(name, "waits");
        co_await cond.wait();
        out(name, "notified, holds lock =", cond.locked());
        log.push_back(name);
        co_await sleep(0.25);  // keeps the lock: the next one must wait
        out(name, "leaves");
    } catch (...) {
        error = std::current_exception();
    }
    cond.release();
    if (error) std::rethrow_exception(error);
}

TWIN(condition_notify) {
    condition cond;
    std::vector<std::string> log;
    std::vector<task<>> tasks;
    for (const char* n : {"a", "b", "c", "d"}) tasks.push_back(create_task(waiter(n, cond, log)));
    co_await sleep(1);
    {
        co_await cond.acquire();
        out("notify(1)");
        std::exception_ptr error;
        try {
            cond.notify(1);
        } catch (...) {
            error = std::current_exception();
        }
        cond.release();
        if (error) std::rethrow_exception(error);
    }
    co_await sleep(1);
    {
        co_await cond.acquire();
        std::exception_ptr error;
        try {
            out("notify_all");
            cond.notify_all();
            out("still holding the lock");
            co_await sleep(0.5);
            out("notifier releases");
        } catch (...) {
            error = std::current_exception();
        }
        cond.release();
        if (error) std::rethrow_exception(error);
    }
    co_await gather(tasks);
    std::string joined;
    for (std::size_t i = 0; i < log.size(); ++i) joined += (i ? " " : "") + log[i];
    out("order:", joined);
    try {
        cond.notify();
    } catch (const std::logic_error&) {  // RuntimeError
        auto e = std::current_exception();
        out("notify without lock:", twins::python_type_name(e), twins::python_str(e));
    }
}
