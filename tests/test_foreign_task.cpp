// Foreign tasks: a task of another runtime (a Python program's asyncio.Task)
// scheduled through call_soon_step is seen by instruments as the loop's own.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "loopscope/core.hpp"

using namespace loopscope;

namespace {

class hook_log final : public instrument {
public:
    std::vector<std::string> lines;

    void on_task_created(const task_created_info& i) override {
        lines.push_back("created Task-" + std::to_string(i.task) + " " + std::string(i.name) + " " +
                        std::string(i.coroutine) + " parent=" + std::to_string(i.parent) + " line " +
                        std::to_string(i.created_at.line));
    }
    void on_task_scheduled(const task_scheduled_info& i) override {
        lines.push_back("scheduled Task-" + std::to_string(i.task) + " (" + std::string(to_string(i.reason)) +
                        (i.cause.empty() ? "" : " by " + std::string(i.cause)) + ")");
    }
    void on_callback_scheduled(handle_id, std::string_view what) override {
        lines.push_back("callback scheduled " + std::string(what));
    }
    void on_callback_begin(handle_id, std::string_view what) override {
        lines.push_back("callback " + std::string(what));
    }
    void on_callback_end(handle_id) override { lines.push_back("callback end"); }
    void on_step_begin(task_id t, handle_id) override { lines.push_back("step Task-" + std::to_string(t)); }
    void on_step_end(const step_end_info& i) override {
        lines.push_back("step end Task-" + std::to_string(i.task) + " " + std::string(to_string(i.outcome)) + " " +
                        std::string(i.awaiting) + std::string(i.detail) + " line " +
                        std::to_string(i.suspended_at.line));
    }
    void on_timer_armed(const timer_info& i) override { lines.push_back("timer " + std::string(i.what)); }
    void on_handle_skipped(handle_id) override { lines.push_back("skipped"); }
    void on_output(task_id t, std::string_view text, const source_location&) override {
        lines.push_back("output Task-" + std::to_string(t) + " " + std::string(text));
    }
};

}  // namespace

TEST_CASE("a foreign task's steps are reported as steps, not callbacks", "[foreign]") {
    event_loop loop;
    hook_log log;
    loop.attach(log);
    const task_id id = loop.add_foreign_task("Task-1", "main()", 0, {"prog.py", "<module>", 12});
    CHECK(id == 1);
    int steps = 0;
    loop.call_soon_step(id, schedule_reason::first_step, {}, [&] {
        ++steps;
        loop.foreign_output(id, "hello", {"prog.py", "main", 3});
        loop.call_at(1.0, [&] {
            loop.call_soon_step(id, schedule_reason::woken, "sleep(1)", [&] {
                ++steps;
                loop.foreign_step_end({id, step_outcome::done, {}, "None", {}});
            });
        }, "sleep(1) → Task-1");
        loop.foreign_step_end({id, step_outcome::waiting, "sleep(1)", {}, {"prog.py", "main", 4}});
    });
    loop.run_once();
    loop.run_once();
    loop.run_once();
    CHECK(steps == 2);
    CHECK(log.lines == std::vector<std::string>{
                           "created Task-1 Task-1 main() parent=0 line 12",
                           "scheduled Task-1 (first step)",
                           "step Task-1",
                           "output Task-1 hello",
                           "timer sleep(1) → Task-1",
                           "step end Task-1 waiting sleep(1) line 4",
                           "callback sleep(1) → Task-1",
                           "scheduled Task-1 (woken by sleep(1))",
                           "callback end",
                           "step Task-1",
                           "step end Task-1 done None line 0",
                       });
}

TEST_CASE("a cancelled foreign step does not run and is reported skipped", "[foreign]") {
    event_loop loop;
    hook_log log;
    loop.attach(log);
    const task_id id = loop.add_foreign_task("Task-1", "main()", 0, {});
    bool ran = false;
    handle h = loop.call_soon_step(id, schedule_reason::first_step, {}, [&] { ran = true; });
    h.cancel();
    loop.run_once();
    CHECK_FALSE(ran);
    CHECK(log.lines.back() == "skipped");
}

TEST_CASE("a named callback is shown by its name", "[foreign]") {
    event_loop loop;
    hook_log log;
    loop.attach(log);
    int calls = 0;
    loop.call_soon([&] { ++calls; }, "say('soon')");
    loop.run_once();
    CHECK(calls == 1);
    CHECK(log.lines ==
          std::vector<std::string>{"callback scheduled say('soon')", "callback say('soon')", "callback end"});
}
