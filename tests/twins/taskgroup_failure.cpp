#include "twin.hpp"

using namespace loopscope;

static coro<> failer() {
    co_await sleep(1);
    out("failer: raising");
    throw std::invalid_argument("failer broke");
}

static coro<> sibling(std::string name, double delay) {
    try {
        co_await sleep(delay);
        out(name, "finished");
    } catch (const cancelled_error&) {
        out(name, "cancelled by the group");
        throw;
    }
}

// Only one child is pending when failer fails (TaskGroup cancels from a set:
// with several pending children the cancel order would be hash-dependent).

static bool is_value_error(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const std::invalid_argument&) {
        return true;
    } catch (...) {
        return false;
    }
}

static std::string py_list(const std::vector<std::string>& items) {
    std::string s = "[";
    for (std::size_t i = 0; i < items.size(); ++i) s += (i ? ", '" : "'") + items[i] + "'";
    return s + "]";
}

TWIN(taskgroup_failure) {
    try {
        co_await with_task_group([&](task_group& tg) -> coro<> {
            tg.create_task(sibling("quick", 0.5));
            tg.create_task(failer());
            tg.create_task(sibling("slow", 3));
            out("body: waiting inside the group");
            try {
                co_await sleep(2);
                out("body: not reached");
            } catch (const cancelled_error&) {
                out("body: cancelled by the group");
                throw;
            }
        });
    } catch (const exception_group& eg) {
        // except* ValueError: split the group; the rest propagates.
        std::vector<std::exception_ptr> matched, rest;
        for (auto& e : eg.exceptions()) (is_value_error(e) ? matched : rest).push_back(e);
        if (!matched.empty()) {
            out("caught:", eg.message());
            std::vector<std::string> subs;
            for (auto& e : matched) subs.push_back(twins::python_type_name(e) + ": " + twins::python_str(e));
            out("sub-exceptions:", py_list(subs));
        }
        if (!rest.empty()) throw exception_group(eg.message(), rest);
    }
    out("after the group");
}
