// taskgroup_error: in a TaskGroup, one failure cancels the siblings.
#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "loopscope/core.hpp"
#include "loopscope/sim/scenario.hpp"

namespace loopscope::sim::scenarios {
namespace {

coro<> worker(std::string name, long seconds, bool fails) {
    out(name, "starts");      // @starts
    co_await sleep(seconds);  // @sleep
    if (fails) {
        out(name, "raises ValueError");  // @raises
        throw std::invalid_argument(name + " failed");  // raise ValueError(...)
    }
    out(name, "finished");  // @finished
}

/// str(e) of a sub-exception.
std::string str(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const std::exception& x) {
        return x.what();
    }
}

coro<> main(const parameter_values& p) {
    long n = p.integer("n"), failing = p.integer("failing");
    std::vector<task<>> tasks;
    // The body of `async with asyncio.TaskGroup() as tg:`.
    auto body = [&](task_group& tg) -> coro<> {
        for (long i = 0; i < n; ++i) {
            std::string name = fmt::format("worker{}", i);
            tasks.push_back(tg.create_task(worker(name, i + 1, i == failing), name));  // @create
        }
        out("all workers started; the group waits for them");  // @started
        co_return;  // the end of the `async with` block: the group now waits for its tasks
    };
    try {
        co_await with_task_group(body);  // @group
        out("every worker finished");  // @no_error
    } catch (const exception_group& eg) {  // except* ValueError: every error here is a ValueError
        out("caught ExceptionGroup:", eg.what());  // @caught
        for (const auto& e : eg.exceptions()) {
            out("  ValueError:", str(e));  // @sub
        }
    }
    for (const auto& t : tasks) {
        out(t.get_name(), "cancelled:", t.cancelled());  // @status
    }
}

}  // namespace

scenario_definition define_taskgroup_error() {
    return {.id = "taskgroup_error",
            .title = "TaskGroup: one fails, all stop",
            .explanation = "The group waits for all its tasks when the `async with` block ends. When one "
                           "raises, the group cancels every sibling still running (watch their lanes end in "
                           "a cancellation at the same instant), waits for them, and raises an "
                           "ExceptionGroup holding the error, which `except* ValueError` catches. Unlike "
                           "gather, nothing is left running in the background.",
            .parameters = {{.name = "n", .help = "how many workers (worker i sleeps i + 1 seconds)",
                            .default_value = 3, .min = 1, .max = 20},
                           {.name = "failing", .help = "which worker raises (n or more: none does)",
                            .default_value = 1, .min = 0, .max = 20}},
            .main = main,
            .cpp_file = __FILE__};
}

}  // namespace loopscope::sim::scenarios
