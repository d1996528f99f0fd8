// sim::program_recording: a Python program recorded in a child that the
// caller polls and may stop (the window's way), and record_program's errors.
// The child, loopscope-python, is found next to this executable.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "loopscope/sim/input_error.hpp"
#include "loopscope/sim/program_command.hpp"

using namespace loopscope::sim;
namespace fs = std::filesystem;

namespace {

/// A program written to a fresh file, removed afterwards.
struct program_file {
    fs::path path;
    explicit program_file(const std::string& name, const std::string& text)
        : path(fs::temp_directory_path() / ("loopscope-test-" + std::to_string(getpid()) + "-" + name)) {
        std::ofstream(path) << text;
    }
    ~program_file() { fs::remove(path); }
};

std::string message_of(program_recording& r) {
    try {
        (void)r.result();
    } catch (const input_error& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("a program recorded in a child gives its trace, and the recording says when the child is done") {
    program_file p("two_tasks.py",
                   "import asyncio\n"
                   "async def tick(name):\n"
                   "    await asyncio.sleep(1)\n"
                   "    print(name)\n"
                   "async def main():\n"
                   "    await asyncio.gather(tick('a'), tick('b'))\n"
                   "asyncio.run(main())\n");
    program_recording r(p.path.string());
    CHECK(r.path() == p.path.string());
    while (r.running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    const trace t = r.result();
    REQUIRE(t.tasks.size() == 5);  // and asyncio.run's two shutdown tasks
    CHECK(t.strings[t.tasks[0].name] == "Task-1");
    CHECK(t.strings[t.tasks[1].coroutine] == "tick('a')");
    CHECK(t.strings[t.tasks[2].coroutine] == "tick('b')");
    CHECK(t.origin.program.path == p.path.string());
}

TEST_CASE("a program that never yields can be stopped while it runs: the child is killed at once") {
    program_file p("spin.py", "while True:\n    pass\n");
    program_recording r(p.path.string());
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK(r.running());  // its own step timeout is 5 s away
    const auto asked = std::chrono::steady_clock::now();
    r.stop();
    const std::string message = message_of(r);
    CHECK(std::chrono::steady_clock::now() - asked < std::chrono::seconds(1));
    CHECK_THAT(message, Catch::StartsWith(p.path.string() + ": stopped after 0."));
    CHECK_FALSE(r.running());
}

TEST_CASE("a child that crashes is reported with its signal and what it wrote, never a hang") {
    program_file p("crash.py", "import ctypes\nprint('before')\nctypes.string_at(0)\n");
    recording_options kept;
    kept.keep_errors = true;
    program_recording r(p.path.string(), kept);
    const std::string message = message_of(r);
#if defined(__SANITIZE_ADDRESS__)  // AddressSanitizer owns the SIGSEGV handler: the child reports and exits
    CHECK_THAT(message, Catch::StartsWith(p.path.string() + ": the program could not be recorded (exit status"));
#else
    CHECK(message == p.path.string() + ": the program could not be recorded (exit status 2)\nloopscope: " +
                         p.path.string() + ": the Python process was killed by signal 11 (Segmentation fault)\n");
#endif
}

TEST_CASE("a missing program is said before any child starts") {
    CHECK_THROWS_WITH(program_recording("/nonexistent/prog.py"), "/nonexistent/prog.py: no such file");
}

TEST_CASE("two recordings at once do not share their scratch files") {
    program_file a("a.py", "print('a')\n");
    program_file b("b.py", "import asyncio\nasync def main():\n    print('b')\nasyncio.run(main())\n");
    program_recording ra(a.path.string()), rb(b.path.string());
    const trace tb = rb.result();
    const trace ta = ra.result();
    CHECK(ta.tasks.empty());  // no loop: no task
    CHECK(tb.tasks.size() == 3);  // main() and asyncio.run's two shutdown tasks
}

TEST_CASE("a suspended frame's variables are recorded as reprlib shortens them (CPython 3.11's reprlib)") {
    program_file p("locals.py",
                   "import asyncio\n"
                   "async def main():\n"
                   "    short, quote, long, accents = 'A', \"it's\", 'x' * 40, '\\u00e9' * 30\n"
                   "    big, n, ratio, tiny = 10**50, -7, 0.1 + 0.2, 1e-300\n"
                   "    flag, nothing, items = True, None, [1, 2, 3]\n"
                   "    await asyncio.sleep(1)\n"
                   "asyncio.run(main())\n");
    const trace t = program_recording(p.path.string()).result();
    std::vector<std::string> locals;
    for (std::size_t k = 0; k < t.size(); ++k)
        if (t[k].kind == event_kind::frame_local)
            locals.push_back(std::string(t.strings[t[k].a]) + " = " + std::string(t.strings[t[k].b()]));
    // What reprlib.Repr (maxstring and maxother 24, addresses left out) gives under /usr/bin/python3.11.
    CHECK(locals == std::vector<std::string>{
                        "short = 'A'",
                        "quote = \"it's\"",
                        "long = 'xxxxxxxxx...xxxxxxxxxx'",
                        "accents = '\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9...\u00e9\u00e9\u00e9\u00e9\u00e9"
                        "\u00e9\u00e9\u00e9\u00e9\u00e9'",
                        "big = 100000000000000000...0000000000000000000",
                        "n = -7",
                        "ratio = 0.30000000000000004",
                        "tiny = 1e-300",
                        "flag = True",
                        "nothing = None",
                        "items = [1, 2, 3]",
                    });
}
