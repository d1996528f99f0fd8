// The instrument hooks: exact sequences for the classic programs, and the
// rules for instruments that fail.
#include <catch2/catch.hpp>

#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "loopscope/core.hpp"

using namespace loopscope;

namespace {

/// Writes every hook as one line of text.
class hook_log final : public instrument {
public:
    std::vector<std::string> lines;

    void on_task_created(const task_created_info& i) override {
        add("created " + std::string(i.name) + " " + std::string(i.coroutine) + " parent=" + std::to_string(i.parent));
    }
    void on_task_scheduled(const task_scheduled_info& i) override {
        add("scheduled Task-" + std::to_string(i.task) + " (" + std::string(to_string(i.reason)) +
            (i.cause.empty() ? "" : " by " + std::string(i.cause)) + ")");
    }
    void on_callback_scheduled(handle_id, std::string_view what) override { add("callback scheduled " + std::string(what)); }
    void on_callback_begin(handle_id, std::string_view what) override { add("callback " + std::string(what)); }
    void on_step_begin(task_id t, handle_id) override { add("step Task-" + std::to_string(t)); }
    void on_step_end(const step_end_info& i) override {
        std::string s = "step end Task-" + std::to_string(i.task) + " " + std::string(to_string(i.outcome));
        if (!i.awaiting.empty()) s += " " + std::string(i.awaiting);
        if (!i.detail.empty()) s += " " + std::string(i.detail);
        add(s);
    }
    void on_iteration_begin(std::uint64_t n, double t) override {
        std::ostringstream s;
        s << "iteration " << n << " t=" << t;
        add(s.str());
    }
    void on_clock_advanced(double from, double to, bool blocking) override {
        std::ostringstream s;
        s << "clock " << from << " -> " << to << (blocking ? " (blocked)" : "");
        add(s.str());
    }
    void on_timer_armed(const timer_info& i) override {
        std::ostringstream s;
        s << "timer armed at " << i.when << " " << i.what;
        add(s.str());
    }
    void on_timer_fired(handle_id) override { add("timer fired"); }
    void on_timer_cancelled(handle_id) override { add("timer cancelled"); }
    void on_output(task_id t, std::string_view text, const source_location&) override {
        add("output Task-" + std::to_string(t) + " " + std::string(text));
    }
    void on_cancel_requested(task_id t, task_id by, std::string_view) override {
        add("cancel Task-" + std::to_string(t) + " by Task-" + std::to_string(by));
    }
    void on_never_awaited(std::string_view coroutine, const source_location&) override {
        add("never awaited " + std::string(coroutine));
    }
    void on_error(task_id, std::string_view message) override { add("error " + std::string(message)); }

private:
    void add(std::string s) { lines.push_back(std::move(s)); }
};

coro<> countdown(int n) {
    while (n > 0) {
        out(n);
        co_await sleep(1);
        --n;
    }
}

coro<> countdown_gather() { co_await gather(countdown(3), countdown(2)); }

}  // namespace

TEST_CASE("countdown(2) produces created, scheduled, step, waiting sleep(1), woken by the timer, done", "[instrument]") {
    event_loop loop;
    loop.set_output([](std::string_view) {});
    hook_log log;
    loop.attach(log);
    loop.run(countdown(2));
    loop.detach(log);
    const std::vector<std::string> expected{
        "created Task-1 countdown(2) parent=0",
        "scheduled Task-1 (first step)",
        // Iteration 1 runs the first step: it prints and sleeps.
        "iteration 1 t=0",
        "step Task-1",
        "output Task-1 2",
        "timer armed at 1 timer: sleep(1)",
        "step end Task-1 waiting sleep(1)",
        // Iteration 2: the clock jumps to the timer, which resolves the sleep.
        "iteration 2 t=0",
        "clock 0 -> 1",
        "timer fired",
        "callback timer: sleep(1)",
        "scheduled Task-1 (woken by sleep(1))",
        // Iteration 3: the task resumes one iteration after its timer fired.
        "iteration 3 t=1",
        "step Task-1",
        "output Task-1 1",
        "timer armed at 2 timer: sleep(1)",
        "step end Task-1 waiting sleep(1)",
        "iteration 4 t=1",
        "clock 1 -> 2",
        "timer fired",
        "callback timer: sleep(1)",
        "scheduled Task-1 (woken by sleep(1))",
        "iteration 5 t=2",
        "step Task-1",
        "callback scheduled run_until_complete: stop",
        "step end Task-1 done None",
        "iteration 6 t=2",
        "callback run_until_complete: stop",
    };
    CHECK(log.lines == expected);
}

TEST_CASE("gather(countdown(3), countdown(2)) wakes the gather one iteration after the last child ends", "[instrument]") {
    event_loop loop;
    loop.set_output([](std::string_view) {});
    hook_log log;
    loop.attach(log);
    loop.run(countdown_gather());
    loop.detach(log);
    std::vector<std::string> steps;  // the task-level story only
    for (auto& l : log.lines)
        if (l.starts_with("created") || l.starts_with("step") || l.starts_with("output") || l.starts_with("iteration") ||
            l.starts_with("scheduled") || l.starts_with("callback gather"))
            steps.push_back(l);
    const std::vector<std::string> expected{
        "created Task-1 countdown_gather() parent=0",
        "scheduled Task-1 (first step)",
        "iteration 1 t=0",
        "step Task-1",
        "created Task-2 countdown(3) parent=1",
        "scheduled Task-2 (first step)",
        "created Task-3 countdown(2) parent=1",
        "scheduled Task-3 (first step)",
        "step end Task-1 waiting gather(2)",
        "iteration 2 t=0",
        "step Task-2",
        "output Task-2 3",
        "step end Task-2 waiting sleep(1)",
        "step Task-3",
        "output Task-3 2",
        "step end Task-3 waiting sleep(1)",
        "iteration 3 t=0",
        "scheduled Task-2 (woken by sleep(1))",
        "scheduled Task-3 (woken by sleep(1))",
        "iteration 4 t=1",
        "step Task-2",
        "output Task-2 2",
        "step end Task-2 waiting sleep(1)",
        "step Task-3",
        "output Task-3 1",
        "step end Task-3 waiting sleep(1)",
        "iteration 5 t=1",
        "scheduled Task-2 (woken by sleep(1))",
        "scheduled Task-3 (woken by sleep(1))",
        "iteration 6 t=2",
        "step Task-2",
        "output Task-2 1",
        "step end Task-2 waiting sleep(1)",
        "step Task-3",
        "step end Task-3 done None",
        "iteration 7 t=2",
        "callback gather: child done gather(2)",
        "iteration 8 t=2",
        "scheduled Task-2 (woken by sleep(1))",
        "iteration 9 t=3",
        "step Task-2",
        "step end Task-2 done None",
        "iteration 10 t=3",
        "callback gather: child done gather(2)",
        "scheduled Task-1 (woken by gather(2))",
        "iteration 11 t=3",
        "step Task-1",
        "step end Task-1 done None",
        "iteration 12 t=3",
    };
    CHECK(steps == expected);
}

TEST_CASE("an instrument that throws is detached and reported, and the loop runs on", "[instrument]") {
    struct faulty final : instrument {
        int calls = 0;
        void on_step_begin(task_id, handle_id) override {
            ++calls;
            throw std::runtime_error("hook failed");
        }
    } bad;
    hook_log good;
    std::vector<std::string> reported;
    event_loop loop;
    loop.set_output([](std::string_view) {});
    loop.set_exception_handler([&](const loop_error& e) { reported.push_back(e.message + ": " + describe_exception(e.exception)); });
    loop.attach(bad);
    loop.attach(good);
    loop.run(countdown(2));
    CHECK(bad.calls == 1);
    REQUIRE(reported.size() == 1);
    CHECK(reported[0] == "An instrument raised and was detached: std::runtime_error: hook failed");
    CHECK(std::count(good.lines.begin(), good.lines.end(), "step Task-1") == 3);
}

TEST_CASE("a coroutine that is never awaited is reported with its name and arguments", "[instrument]") {
    event_loop loop;
    hook_log log;
    loop.attach(log);
    loop.set_output([](std::string_view) {});
    auto forgetful = []() -> coro<> {
        { auto forgotten = countdown(5); }
        co_return;
    };
    loop.run(forgetful());
    CHECK(std::count(log.lines.begin(), log.lines.end(), "never awaited countdown(5)") == 1);
}
