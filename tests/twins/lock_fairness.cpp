#include <string>
#include <vector>

#include "twin.hpp"

using namespace loopscope;

static coro<> worker(std::string name, lock& lk, int rounds) {
    for (int r = 0; r < rounds; ++r) {
        out(name, "wants the lock, locked =", lk.locked());
        co_await lk.acquire();  // async with lock:
        std::exception_ptr error;
        try {
            out(name, "acquired, round", r);
            co_await sleep(1);
            out(name, "releasing");
        } catch (...) {
            error = std::current_exception();
        }
        lk.release();
        if (error) std::rethrow_exception(error);
        // Loop straight back to acquire(): it must queue behind the waiters.
    }
}

TWIN(lock_fairness) {
    lock lk;
    std::vector<task<>> tasks;
    for (const char* n : {"A", "B", "C"}) tasks.push_back(create_task(worker(n, lk, 2)));
    co_await gather(tasks);
    out("all done, locked =", lk.locked());
    try {
        lk.release();
    } catch (const std::logic_error&) {  // RuntimeError
        auto e = std::current_exception();
        out("release unlocked lock:", twins::python_type_name(e), twins::python_str(e));
    }
}
