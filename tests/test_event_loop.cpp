// The event loop's own rules: ordering of callbacks, deadlock reports,
// teardown of pending tasks, and frames destroyed exactly once.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "loopscope/core.hpp"

using namespace loopscope;

namespace {

/// Counts live instances, to prove each coroutine frame is destroyed once.
struct frame_counter {
    static inline int alive = 0;
    frame_counter() { ++alive; }
    frame_counter(const frame_counter&) = delete;
    ~frame_counter() { --alive; }
};

coro<> sleeps_forever(std::vector<std::string>& log) {
    frame_counter c;
    try {
        co_await sleep(1e9);
    } catch (const cancelled_error&) {
        log.push_back("cancelled");
        throw;
    }
}

}  // namespace

TEST_CASE("call_soon callbacks run in FIFO order in the next iteration, and a cancelled handle is skipped", "[event_loop]") {
    event_loop loop;
    std::vector<int> ran;
    loop.call_soon([&] { ran.push_back(1); });
    handle h = loop.call_soon([&] { ran.push_back(2); });
    loop.call_soon([&] { ran.push_back(3); });
    h.cancel();
    CHECK(h.cancelled());
    loop.run_once();
    CHECK(ran == std::vector<int>{1, 3});
}

TEST_CASE("what a callback schedules runs in the next iteration, not the current one", "[event_loop]") {
    event_loop loop;
    std::vector<std::string> ran;
    loop.call_soon([&] {
        ran.push_back("a");
        loop.call_soon([&] { ran.push_back("c"); });
    });
    loop.call_soon([&] { ran.push_back("b"); });
    loop.run_once();
    CHECK(ran == std::vector<std::string>{"a", "b"});
    loop.run_once();
    CHECK(ran == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("the virtual clock jumps straight to the next timer", "[event_loop]") {
    event_loop loop;
    double fired_at = -1;
    loop.call_later(2.5, [&] { fired_at = loop.time(); });
    loop.run_once();
    CHECK(fired_at == 2.5);
    CHECK(loop.time() == 2.5);
}

TEST_CASE("a deadlock stops the loop and names who waits on what", "[event_loop]") {
    event_loop loop;
    auto stuck = []() -> coro<> {
        queue<int> q;
        co_await q.get();
    };
    CHECK_THROWS_WITH(loop.run(stuck()),
                      "deadlock: nothing is ready and no timer is pending; Task-1 waits on queue.get");
}

TEST_CASE("destroying a loop cancels its pending tasks and destroys every frame exactly once", "[event_loop]") {
    std::vector<std::string> log;
    {
        event_loop loop;
        auto t = loop.create_task(sleeps_forever(log));
        loop.run_once();  // the task starts and sleeps
        CHECK(frame_counter::alive == 1);
    }
    CHECK(log == std::vector<std::string>{"cancelled"});
    CHECK(frame_counter::alive == 0);
}

TEST_CASE("a task that swallows every cancellation is still destroyed at teardown", "[event_loop]") {
    auto stubborn = []() -> coro<> {
        frame_counter c;
        while (true) {
            try {
                co_await sleep(1);
            } catch (const cancelled_error&) {
            }
        }
    };
    {
        event_loop loop;
        loop.set_exception_handler([](const loop_error&) {});
        (void)loop.create_task(stubborn());
        loop.run_once();
    }
    CHECK(frame_counter::alive == 0);
}

TEST_CASE("an exception propagates through nested coroutines and fails the task", "[event_loop]") {
    auto inner = []() -> coro<int> {
        co_await sleep(1);
        throw std::runtime_error("deep");
    };
    auto outer = [&]() -> coro<int> { co_return 1 + co_await inner(); };
    event_loop loop;
    auto t = loop.create_task(outer());
    CHECK_THROWS_WITH(loop.run_until_complete(t), "deep");
    CHECK(t.done());
    CHECK_FALSE(t.cancelled());
    CHECK_THROWS_AS(t.result(), std::runtime_error);
}

TEST_CASE("a failed task whose exception nobody reads is reported when it is destroyed", "[event_loop]") {
    std::vector<std::string> reported;
    {
        event_loop loop;
        loop.set_exception_handler([&](const loop_error& e) { reported.push_back(e.message); });
        auto failing = []() -> coro<> { throw std::logic_error("lost"); co_return; };
        {
            auto t = loop.create_task(failing());
            loop.run_once();
        }
    }
    CHECK(reported == std::vector<std::string>{"Task exception was never retrieved"});
}

TEST_CASE("cancel() returns False on a done task and True on a pending one, as in Python", "[task]") {
    event_loop loop;
    auto quick = []() -> coro<int> { co_return 3; };
    auto t = loop.create_task(quick());
    CHECK_THROWS_AS(t.result(), invalid_state_error);
    CHECK_THROWS_WITH(t.result(), "Result is not set.");
    CHECK(loop.run_until_complete(t) == 3);
    CHECK_FALSE(t.cancel());
    auto u = loop.create_task(quick());
    CHECK(u.cancel());
    CHECK(u.cancel());
    CHECK_FALSE(u.cancelled());  // not until its first step runs
    loop.run_once();
    CHECK(u.cancelled());
    CHECK_THROWS_AS(u.result(), cancelled_error);
}

TEST_CASE("task names default to Task-N in creation order and can be changed", "[task]") {
    event_loop loop;
    auto noop = []() -> coro<> { co_return; };
    auto a = loop.create_task(noop());
    auto b = loop.create_task(noop(), "worker");
    auto c = loop.create_task(noop());
    CHECK(a.get_name() == "Task-1");
    CHECK(b.get_name() == "worker");
    CHECK(c.get_name() == "Task-3");
    c.set_name("renamed");
    CHECK(c.get_name() == "renamed");
    loop.run_once();
}
