// The state of a recorded program's asyncio objects at the playhead and who
// waits on each (the await graph): playback::objects_at over object_state
// events and the object each waiting step_end names.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "loopscope/sim/event_caption.hpp"
#include "loopscope/sim/playback.hpp"
#include "loopscope/sim/program_command.hpp"

using namespace loopscope;
using namespace loopscope::sim;

namespace {

/// "Queue queue: 0 items <- Task-2 in queue.get, Task-3 in queue.get" for each object at position k;
/// a holder after the state in brackets.
std::vector<std::string> objects_text(playback& p, std::size_t k) {
    const trace& t = p.source();
    const auto name = [&](task_id id) { return std::string(t.strings[t.find_task(id)->name]); };
    std::vector<std::string> lines;
    for (const auto& o : p.objects_at(k)) {
        std::string line = fmt::format("{}: {}", t.strings[o.view.label], t.strings[o.view.state]);
        if (o.view.holder) line += fmt::format(" [{}]", name(o.view.holder));
        for (std::size_t i = 0; i < o.waiters.size(); ++i)
            line += fmt::format("{}{} in {}", i ? ", " : " <- ", name(o.waiters[i]),
                                t.strings[p.state_at(k).tasks[o.waiters[i] - 1].detail]);
        lines.push_back(line);
    }
    return lines;
}

/// A program written to a fresh file, removed afterwards.
struct program_file {
    std::filesystem::path path;
    explicit program_file(const std::string& name, const std::string& text)
        : path(std::filesystem::temp_directory_path() / ("loopscope-objects-" + std::to_string(getpid()) + "-" + name)) {
        std::ofstream(path) << text;
    }
    ~program_file() { std::filesystem::remove(path); }
};

/// The position just after task's `nth` step (1: its first) ends, with its chain.
std::size_t after_step(const trace& t, task_id task, int nth) {
    for (std::size_t k = 0; k < t.size(); ++k)
        if (t[k].kind == event_kind::step_end && t[k].task == task && --nth == 0) return k + 1;
    FAIL("no such step");
    return 0;
}

}  // namespace

// tests/programs/objects_waited_on.py: main is Task-1, consumers c1 and c2 Task-2 and Task-3, waiters w1 and
// w2 Task-4 and Task-5, lock holders h1 and h2 Task-6 and Task-7.
TEST_CASE("a program's queue, event, lock and gathers are recorded with who waits on each, in order", "[objects]") {
    const trace t = program_recording(LOOPSCOPE_TEST_PROGRAMS "/objects_waited_on.py").result();
    playback p(t);

    // Main's first step made them (in the order of its variables); no child has run yet.
    CHECK(objects_text(p, after_step(t, 1, 1)) == std::vector<std::string>{
                                                      "Queue queue: 0 items",
                                                      "Event ready: not set",
                                                      "Lock lock: unlocked",
                                                      "gather consumers: 0 of 2 done; pending: Task-2, Task-3",
                                                      "gather waiters: 0 of 2 done; pending: Task-4, Task-5",
                                                      "gather holders: 0 of 2 done; pending: Task-6, Task-7",
                                                  });
    // Every child has run once: the consumers wait in get(), the waiters in wait(); h1 holds the lock, h2 waits.
    CHECK(objects_text(p, t.first_event_at_time(0.5)) ==
          std::vector<std::string>{
              "Queue queue: 0 items <- Task-2 in queue.get, Task-3 in queue.get",
              "Event ready: not set <- Task-4 in event.wait, Task-5 in event.wait",
              "Lock lock: locked [Task-6] <- Task-7 in lock.acquire",
              "gather consumers: 0 of 2 done; pending: Task-2, Task-3",
              "gather waiters: 0 of 2 done; pending: Task-4, Task-5",
              "gather holders: 0 of 2 done; pending: Task-6, Task-7",
          });
    // Main put three items and set the event: the woken tasks no longer wait, the items are still queued.
    const std::size_t put = after_step(t, 1, 2);
    const auto after_put = objects_text(p, put);
    REQUIRE(after_put.size() == 6);
    CHECK(after_put[0] == "Queue queue: 3 items: ['a', 'b', 'c']");
    CHECK(after_put[1] == "Event ready: set");
    // c1 took all three and waits again first; c2, woken by the second put, found the queue empty and waits
    // after it. Both waiters finished, and their gather's future with them.
    const auto at_one = objects_text(p, t.first_event_at_time(1.0));
    REQUIRE(at_one.size() == 6);
    CHECK(at_one[0] == "Queue queue: 0 items <- Task-2 in queue.get, Task-3 in queue.get");
    CHECK(at_one[4] == "gather waiters: result [None, None]");
    // h1 released the lock at 1 s and h2 took it; main waits on the gathers, the last one unnamed.
    const auto at_two = objects_text(p, t.first_event_at_time(2.0));
    CHECK(at_two == std::vector<std::string>{
                        "Queue queue: 0 items",
                        "Event ready: set",
                        "Lock lock: locked [Task-7]",
                        "gather consumers: result ['c1', 'c2']",
                        "gather waiters: result [None, None]",
                        "gather holders: 1 of 2 done: Task-6; pending: Task-7",
                        "gather #7: 1 of 2 done: gather waiters; pending: gather holders <- Task-1 in gather(2)",
                    });
    // When main returns its variables go, and the objects with them.
    CHECK(p.objects_at(t.size()).empty());
}

TEST_CASE("an object's state event precedes the end of the step that changed it, and names it", "[objects]") {
    const trace t = program_recording(LOOPSCOPE_TEST_PROGRAMS "/objects_waited_on.py").result();
    const std::size_t put = after_step(t, 1, 2) - 1;  // main's step end after put_nowait and set
    REQUIRE(t[put - 2].kind == event_kind::object_state);
    CHECK(t.strings[t[put - 2].a] == "Queue queue");
    CHECK(object_kind(t[put - 2].sub) == object_kind::queue);
    CHECK(t.strings[t[put - 1].a] == "Event ready");
    CHECK(t.strings[t[put - 1].b()] == "set");
    playback p(t);
    CHECK_THAT(describe_event(p, put), Catch::Contains("Event ready is now set"));
    const std::size_t locked = after_step(t, 6, 1) - 2;  // h1's first step: the lock's event, then its step_end
    CHECK_THAT(describe_event(p, locked + 1), Catch::Contains("Lock lock is now locked by Task-6"));
}

TEST_CASE("a subclass is followed only when reading it cannot run its code; a future shows its result", "[objects]") {
    program_file p("subclasses.py",
                   "import asyncio\n"
                   "class Jobs(asyncio.Queue):\n"
                   "    pass\n"
                   "class Loud(asyncio.Queue):\n"
                   "    __repr__ = object.__repr__  # the frame's variables are shown through repr\n"
                   "    @property\n"
                   "    def _maxsize(self):\n"
                   "        print('user code ran')\n"
                   "        return 0\n"
                   "    @_maxsize.setter\n"
                   "    def _maxsize(self, value):\n"
                   "        pass\n"
                   "class Sly(asyncio.Event):\n"
                   "    __repr__ = object.__repr__\n"
                   "    def __getattribute__(self, name):\n"
                   "        if name == '_value': print('user code ran')\n"
                   "        return object.__getattribute__(self, name)\n"
                   "async def main():\n"
                   "    jobs, loud, sly = Jobs(), Loud(), Sly()\n"
                   "    jobs.put_nowait(1)\n"
                   "    done = asyncio.get_running_loop().create_future()\n"
                   "    done.set_result(42)\n"
                   "    await asyncio.sleep(1)\n"
                   "asyncio.run(main())\n");
    const trace t = program_recording(p.path.string()).result();
    playback p_(t);
    CHECK(objects_text(p_, t.first_event_at_time(1.0)) == std::vector<std::string>{"Jobs jobs: 1 item: [1]",
                                                                                    "Future done: result 42"});
    for (std::size_t k = 0; k < t.size(); ++k)
        if (t[k].kind == event_kind::output) CHECK(t.strings[t[k].a] != "user code ran");
}

TEST_CASE("a large gather counts its done children as they finish instead of naming them", "[objects]") {
    program_file p("large_gather.py",
                   "import asyncio\n"
                   "async def nap(seconds):\n"
                   "    await asyncio.sleep(seconds)\n"
                   "async def main():\n"
                   "    await asyncio.gather(*(nap(s) for s in range(1, 14)))\n"
                   "asyncio.run(main())\n");
    const trace t = program_recording(p.path.string()).result();
    playback pb(t);
    CHECK(objects_text(pb, t.first_event_at_time(1.0)) ==
          std::vector<std::string>{"gather #1: 0 of 13 done <- Task-1 in gather(13)"});
    CHECK(objects_text(pb, t.first_event_at_time(3.0)) ==
          std::vector<std::string>{"gather #1: 2 of 13 done <- Task-1 in gather(13)"});
    CHECK(objects_text(pb, t.first_event_at_time(13.0) - 1) ==
          std::vector<std::string>{"gather #1: 12 of 13 done <- Task-1 in gather(13)"});
}
