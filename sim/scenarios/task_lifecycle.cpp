// task_lifecycle: a task's life: pending, done with a result, or cancelled.
#include "loopscope/core.hpp"
#include "loopscope/sim/scenario.hpp"

namespace loopscope::sim::scenarios {
namespace {

coro<long> work(double seconds) {
    co_await sleep(seconds);  // @sleep
    co_return 42;
}

void report(const any_task& task) {
    out(task.get_name(), "done:", task.done(), "cancelled:", task.cancelled());  // @report
}

coro<> main(const parameter_values& p) {
    double seconds = p.number("seconds");
    out("main runs as", current_task().get_name());  // @main_name

    // A task that finishes: pending first, then done with a result.
    task<long> worker = create_task(work(seconds), "worker");  // @create_worker
    report(worker);
    try {
        (void)worker.result();
    } catch (const invalid_state_error& e) {
        out("result() while pending raises InvalidStateError:", e.what());  // @pending
    }
    long result = co_await worker;  // @await_worker
    report(worker);
    out("await gave", result, "and result() gives", worker.result());  // @result
    out("cancel() on a finished task returns", worker.cancel());     // @cancel_done

    // A task that is cancelled while it sleeps.
    task<long> sleeper = create_task(work(seconds * 10));  // @create_sleeper
    co_await sleep(seconds);                               // @let_it_start
    out("cancel() on", sleeper.get_name(), "returns", sleeper.cancel());  // @cancel
    report(sleeper);  // only requested: the task has not seen the cancellation yet
    try {
        co_await sleeper;  // @await_sleeper
    } catch (const cancelled_error&) {
        out("await", sleeper.get_name(), "raised CancelledError");  // @cancelled
    }
    report(sleeper);
    out("cancel() again returns", sleeper.cancel());  // @cancel_again
}

}  // namespace

scenario_definition define_task_lifecycle() {
    return {.id = "task_lifecycle",
            .title = "A task's life: pending, done, cancelled",
            .explanation = "A task is pending until its coroutine returns: result() then raises "
                           "InvalidStateError, and awaiting the task waits for the value. cancel() only asks: "
                           "it returns True, yet the sleeper stays pending until the loop throws "
                           "CancelledError into it at its await; on a task that is already done, cancel() "
                           "returns False. The named task still takes a number: the sleeper is Task-3.",
            .parameters = {{.name = "seconds", .help = "how long the worker sleeps", .default_value = 1,
                            .min = 0.1, .max = 5, .integer = false}},
            .main = main,
            .cpp_file = __FILE__};
}

}  // namespace loopscope::sim::scenarios
