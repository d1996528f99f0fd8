#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <bit>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <system_error>

#include "loopscope/sim/atomic_file.hpp"
#include "loopscope/sim/run.hpp"
#include "loopscope/sim/trace_file.hpp"

using namespace loopscope::sim;
namespace fs = std::filesystem;

namespace {

trace run_with_defaults(const scenario& s) { return run_scenario(s, {parameter_values(s.parameters), {}, {}}); }

trace run_with_defaults(std::string_view id) {
    const scenario* s = find_scenario(id);
    REQUIRE(s);
    return run_with_defaults(*s);
}

/// A fresh directory for one test, removed with everything in it afterwards.
class scratch_directory {
public:
    scratch_directory() {
        static std::atomic<int> counter{0};
        m_path = fs::temp_directory_path() / fmt::format("loopscope-test-{}-{}", ::getpid(), ++counter);
        fs::create_directories(m_path);
    }
    ~scratch_directory() {
        std::error_code ignored;
        fs::remove_all(m_path, ignored);
    }
    scratch_directory(const scratch_directory&) = delete;
    scratch_directory& operator=(const scratch_directory&) = delete;

    [[nodiscard]] const fs::path& path() const noexcept { return m_path; }
    [[nodiscard]] std::vector<std::string> file_names() const {
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(m_path)) names.push_back(entry.path().filename().string());
        return names;
    }

private:
    fs::path m_path;
};

std::string read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const fs::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

/// The message decode_trace refuses `bytes` with ("" when it accepts them).
std::string refusal(std::string_view bytes) {
    try {
        (void)decode_trace(bytes, "t.loopscope");
    } catch (const input_error& e) {
        return e.what();
    }
    return "";
}

/// The native format written by hand, so that a test can put a wrong value anywhere.
class file_bytes {
public:
    file_bytes& raw(std::string_view s) {
        m_bytes.append(s);
        return *this;
    }
    file_bytes& byte(std::uint8_t b) {
        m_bytes.push_back(char(b));
        return *this;
    }
    file_bytes& varint(std::uint64_t v) {
        for (; v >= 0x80; v >>= 7) m_bytes.push_back(char(v | 0x80));
        return byte(std::uint8_t(v));
    }
    file_bytes& text(std::string_view s) { return varint(s.size()).raw(s); }
    file_bytes& time(double t) {
        auto bits = std::bit_cast<std::uint64_t>(t);
        for (int i = 0; i < 8; ++i) byte(std::uint8_t(bits >> 8 * i));
        return *this;
    }
    /// The offset the next byte goes to.
    [[nodiscard]] std::size_t at() const noexcept { return m_bytes.size(); }
    [[nodiscard]] const std::string& bytes() const noexcept { return m_bytes; }

private:
    std::string m_bytes;
};

constexpr std::string_view magic{"\x89LSTRACE", 8};
constexpr std::uint8_t task_created = std::uint8_t(event_kind::task_created);
constexpr std::uint8_t step_begin = std::uint8_t(event_kind::step_begin);
constexpr std::uint8_t step_end = std::uint8_t(event_kind::step_end);
constexpr std::uint8_t output = std::uint8_t(event_kind::output);

struct table_sizes {
    std::uint32_t events = 2, times = 1, iterations = 1;
    std::uint32_t version = trace_format_version;
};

/// A valid file up to its one task: strings "Task-1", "main()", "hello" (ids 1 to 3), locations 0 and 1.
file_bytes up_to_tasks(table_sizes sizes = {}) {
    file_bytes f;
    f.raw(magic).varint(sizes.version);
    for (std::uint32_t n : {3u, 2u, 1u, sizes.events, sizes.times, sizes.iterations}) f.varint(n);
    f.text("countdown").varint(1).text("n").text("3").text("print()").text("// C++").text("countdown.cpp");
    f.text("");  // not stopped early
    if (sizes.version >= 2) f.text("").varint(0).varint(0).text("").text("").varint(0).text("");  // a scenario
    f.text("Task-1").text("main()").text("hello");
    f.varint(0).varint(0).varint(0);   // location 0: none
    f.varint(3).varint(2).varint(12);  // location 1: "hello" in main() at line 12
    return f;
}

/// up_to_tasks, then Task-1 running main(), created at event 0.
file_bytes up_to_events(table_sizes sizes = {}) {
    file_bytes f = up_to_tasks(sizes);
    f.varint(1).varint(2).varint(0).varint(1).varint(0);
    return f;
}

/// Event 0: Task-1 is created at location 1.
file_bytes& create_task_1(file_bytes& f) { return f.byte(task_created).varint(2).varint(0).varint(1); }

/// The time and iteration changes of a trace whose clock never moved.
file_bytes& still_clock(file_bytes& f) { return f.varint(0).time(0.0).varint(0).varint(0); }

}  // namespace

namespace {

/// A trace of one task, Task-1 main(), and its creation: what the round-trip cases add their events to.
trace one_task_created() {
    trace t;
    t.tasks.push_back({1, t.strings.intern("Task-1"), t.strings.intern("main()"), 0, 0, 0});
    event created;
    created.kind = event_kind::task_created;
    created.task = 1;
    t.push_back(created);
    return t;
}

}  // namespace

TEST_CASE("every built-in scenario's trace survives a save and a load unchanged", "[trace_file]") {
    scratch_directory dir;
    for (const auto& s : all_scenarios()) {
        INFO(s.id);
        trace t = run_with_defaults(s);
        fs::path file = dir.path() / (std::string(s.id) + ".loopscope");
        save_trace(t, file);
        trace loaded = load_trace(file);
        CHECK(loaded == t);
        CHECK(loaded.origin.scenario == s.id);
        CHECK(loaded.size() == t.size());
    }
}

TEST_CASE("a run stopped early and a run with a what-if cancel round-trip too", "[trace_file]") {
    const scenario* s = find_scenario("countdown_gather");
    REQUIRE(s);
    run_options stopped{parameter_values(s->parameters), {}, {}};
    stopped.budget.max_events = 40;
    trace short_run = run_scenario(*s, stopped);
    REQUIRE(!short_run.stopped_early.empty());
    CHECK(decode_trace(encode_trace(short_run), "short") == short_run);

    run_options what_if{parameter_values(s->parameters), {}, {{20, 2}}};
    trace cancelled = run_scenario(*s, what_if);
    CHECK(decode_trace(encode_trace(cancelled), "what-if") == cancelled);
}

TEST_CASE("an event with fields its kind does not use round-trips in the full form", "[trace_file]") {
    trace t = one_task_created();
    event odd;
    odd.kind = event_kind::step_begin;
    odd.task = 1;
    odd.handle = 7;
    odd.a = 12345;     // step_begin has no `a`
    odd.reserved = 3;  // and nothing uses `reserved`
    odd.payload = 1ull << 40;
    t.push_back(odd);
    CHECK(decode_trace(encode_trace(t), "odd") == t);
}

TEST_CASE("the native format takes at most 12 bytes per event besides its texts", "[trace_file]") {
    const scenario* s = find_scenario("countdown_gather");
    REQUIRE(s);
    run_options big{parameter_values(s->parameters), {}, {}};
    set_parameter(*s, big.parameters, "a=20");
    set_parameter(*s, big.parameters, "b=20");
    std::vector<trace> traces;
    traces.push_back(run_with_defaults("countdown"));
    traces.push_back(run_scenario(*s, big));
    for (const trace& t : traces) {
        std::size_t texts = t.origin.python_listing.size() + t.origin.cpp_listing.size();
        for (string_id id = 1; id < t.strings.size(); ++id) texts += t.strings[id].size();
        double per_event = double(encode_trace(t).size() - texts) / double(t.size());
        INFO(t.size() << " events: " << per_event << " bytes per event");
        CHECK(per_event <= 12);
    }
}

TEST_CASE("saving into a directory that does not exist throws why and leaves nothing behind", "[trace_file]") {
    scratch_directory dir;
    trace t = run_with_defaults("countdown");
    fs::path file = dir.path() / "missing" / "t.loopscope";
    try {
        save_trace(t, file);
        FAIL("save_trace did not throw");
    } catch (const std::system_error& e) {
        CHECK(e.code() == std::errc::no_such_file_or_directory);
        CHECK_THAT(e.what(), Catch::Contains(file.string()) && Catch::Contains("No such file or directory"));
    }
    CHECK(dir.file_names().empty());
}

TEST_CASE("a disk that fills up half-way leaves the old file byte for byte", "[trace_file][atomic_file]") {
    scratch_directory dir;
    fs::path file = dir.path() / "t.loopscope";
    save_trace(run_with_defaults("countdown"), file);
    const std::string old_bytes = read_bytes(file);

    std::string new_bytes = encode_trace(run_with_defaults("countdown_gather"));
    atomic_write_options full_disk;
    full_disk.disk_space = new_bytes.size() / 2;
    try {
        write_file_atomically(file, new_bytes, full_disk);
        FAIL("write_file_atomically did not throw");
    } catch (const std::system_error& e) {
        CHECK(e.code() == std::errc::no_space_on_device);
        CHECK(std::string(e.what()) == fmt::format("cannot write {}: No space left on device", file.string()));
    }
    CHECK(read_bytes(file) == old_bytes);
    CHECK(dir.file_names() == std::vector<std::string>{"t.loopscope"});
}

TEST_CASE("saving over an existing trace replaces it", "[trace_file][atomic_file]") {
    scratch_directory dir;
    fs::path file = dir.path() / "t.loopscope";
    save_trace(run_with_defaults("countdown"), file);
    trace second = run_with_defaults("countdown_gather");
    save_trace(second, file);
    CHECK(load_trace(file) == second);
    CHECK(dir.file_names() == std::vector<std::string>{"t.loopscope"});
}

TEST_CASE("a trace cut short at any byte is refused, never half-read", "[trace_file]") {
    std::string bytes = encode_trace(run_with_defaults("countdown_gather"));
    REQUIRE(refusal(bytes).empty());
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        std::string why = refusal(std::string_view(bytes).substr(0, n));
        INFO("cut at byte " << n << " of " << bytes.size());
        REQUIRE(why.starts_with("t.loopscope: "));
    }
}

TEST_CASE("a trace cut inside its last field says where", "[trace_file]") {
    trace t = run_with_defaults("countdown");
    std::string bytes = encode_trace(t);
    bytes.pop_back();
    CHECK(refusal(bytes) == fmt::format("t.loopscope: byte {}: iteration change {}: the file ends inside the "
                                        "iteration (truncated)",
                                        bytes.size(), t.iterations.size() - 1));
}

TEST_CASE("the hand-made file the corruption tests start from is valid", "[trace_file]") {
    file_bytes f = up_to_events();
    create_task_1(f).byte(output).varint(0).varint(3).varint(1);  // Task-1 prints "hello"
    still_clock(f);
    trace t = decode_trace(f.bytes(), "t.loopscope");
    REQUIRE(t.size() == 2);
    CHECK(t.strings[t[1].a] == "hello");
    CHECK(t.task_label(1) == "Task-1 main()");
    CHECK(t.origin.parameters == std::vector<std::pair<std::string, std::string>>{{"n", "3"}});
}

TEST_CASE("a format 1 file, without a program run, still loads", "[trace_file]") {
    file_bytes f = up_to_tasks({.version = 1});
    f.varint(1).varint(2).varint(0).varint(1).varint(0);
    create_task_1(f).byte(output).varint(0).varint(3).varint(1);
    still_clock(f);
    trace t = decode_trace(f.bytes(), "t.loopscope");
    CHECK(t.size() == 2);
    CHECK(t.origin.program == program_run{});
}

TEST_CASE("a format 3 file's step_end, which had no object it waits on, still loads", "[trace_file]") {
    file_bytes f = up_to_tasks({.version = 3});
    f.varint(1).varint(2).varint(0).varint(1).varint(0);
    // Task-1 waits on "hello" at location 1: task delta 0, a = 3, b = 1, and no handle field.
    create_task_1(f).byte(step_end | std::uint8_t(loopscope::step_outcome::waiting) << 5).varint(0).varint(3).varint(1);
    still_clock(f);
    trace t = decode_trace(f.bytes(), "t.loopscope");
    REQUIRE(t.size() == 2);
    CHECK(t[1].kind == event_kind::step_end);
    CHECK(t[1].handle == 0);
    CHECK(t.strings[t[1].a] == "hello");
    CHECK(t[1].b() == 1);
}

TEST_CASE("an object's state and the object a step waits on round-trip in the compact form", "[trace_file]") {
    trace t = one_task_created();
    event queue;
    queue.kind = event_kind::object_state;
    queue.sub = std::uint8_t(loopscope::object_kind::queue);
    queue.handle = 1;
    queue.a = t.strings.intern("Queue q");
    queue.set_b(t.strings.intern("2 items: ['a', 'b']"));
    t.push_back(queue);
    event lock = queue;
    lock.sub = std::uint8_t(loopscope::object_kind::lock);
    lock.task = 1;  // its holder
    lock.handle = 2;
    lock.a = t.strings.intern("Lock lock");
    lock.set_b(t.strings.intern("locked"));
    t.push_back(lock);
    event waits;
    waits.kind = event_kind::step_end;
    waits.sub = std::uint8_t(loopscope::step_outcome::waiting);
    waits.task = 1;
    waits.handle = 2;  // on the lock
    waits.a = t.strings.intern("lock.acquire");
    t.push_back(waits);
    CHECK(decode_trace(encode_trace(t), "objects") == t);
}

TEST_CASE("a program's run (path, arguments, seed, Python version, source) survives a save and a load", "[trace_file]") {
    trace t = run_with_defaults("countdown_gather");
    t.origin.scenario.clear();
    t.origin.program = {"lessons/countdown.py", {"3", "--fast", ""}, 7, "3.11.2 (main, Mar 13 2023) [GCC 12.2.0]",
                        "import asyncio\n\nasyncio.run(main())\n", 1, "Traceback (most recent call last):\n"};
    CHECK(decode_trace(encode_trace(t), "t.loopscope") == t);
}

TEST_CASE("a program's errors point at its syntax error's line, or its traceback's last frame in its own file", "[trace_file]") {
    program_run run;
    run.path = "lessons/bad.py";
    run.errors = "loopscope: lessons/bad.py:4:10: SyntaxError: '(' was never closed\n    print(\"a\",\n";
    CHECK(run.error_line() == 4);
    CHECK(run.error_summary() == "loopscope: lessons/bad.py:4:10: SyntaxError: '(' was never closed");
    run.errors = "Traceback (most recent call last):\n"
                 "  File \"/home/t/lessons/bad.py\", line 19, in <module>\n    asyncio.run(main())\n"
                 "  File \"/usr/lib/python3.11/asyncio/runners.py\", line 190, in run\n"
                 "  File \"/home/t/lessons/bad.py\", line 8, in fetch\n    raise ValueError(\"bad\")\n"
                 "  File \"/home/t/lessons/notbad.py\", line 3, in helper\n"
                 "ValueError: bad\n";
    CHECK(run.error_line() == 8);
    CHECK(run.error_summary() == "ValueError: bad");
    run.errors = "Traceback (most recent call last):\n  File \"/usr/lib/python3.11/x.py\", line 2\nOSError\n";
    CHECK(run.error_line() == 0);
    run.errors = "\n\n";
    CHECK(run.error_summary().empty());
}

TEST_CASE("a file that is not a trace is refused by its magic bytes", "[trace_file]") {
    CHECK(refusal("") == "t.loopscope: not a Loopscope trace (the file is empty)");
    CHECK(refusal("PK\x03\x04 a zip file") == "t.loopscope: not a Loopscope trace (wrong magic)");
    CHECK(refusal(magic.substr(0, 5)) ==
          "t.loopscope: byte 5: header: the file ends inside the magic bytes (truncated)");
}

TEST_CASE("a newer format version is refused with both versions", "[trace_file]") {
    CHECK(refusal(file_bytes().raw(magic).varint(9).bytes()) ==
          "t.loopscope: format version 9 is newer than this Loopscope reads (4)");
    CHECK(refusal(file_bytes().raw(magic).varint(0).bytes()) ==
          "t.loopscope: byte 8: header: format version 0 does not exist");
}

TEST_CASE("a count that claims more items than the file holds is refused before anything is reserved", "[trace_file]") {
    file_bytes f;
    f.raw(magic).varint(1).varint(0).varint(0).varint(0);
    std::size_t at = f.at();
    f.varint(4'000'000'000).varint(0).varint(0);
    CHECK(refusal(f.bytes()) ==
          fmt::format("t.loopscope: byte {}: counts: 4000000000 events cannot fit in the 2 bytes left", at));
}

TEST_CASE("a number longer than 32 bits is refused", "[trace_file]") {
    file_bytes f;
    f.raw(magic).varint(1).varint(std::uint64_t{1} << 35);
    CHECK(refusal(f.bytes()) == "t.loopscope: byte 9: counts: the number of strings does not fit in 32 bits");
}

TEST_CASE("a text longer than the rest of the file is refused", "[trace_file]") {
    file_bytes f;
    f.raw(magic).varint(1);
    for (int i = 0; i < 6; ++i) f.varint(0);
    std::size_t at = f.at();
    f.varint(1000).raw("abc");
    CHECK(refusal(f.bytes()) == fmt::format("t.loopscope: byte {}: origin: the scenario id (1000 bytes) runs past "
                                            "the end of the file (truncated)",
                                            at));
}

TEST_CASE("a text stored twice in the string table is refused", "[trace_file]") {
    file_bytes f;
    f.raw(magic).varint(1).varint(2).varint(0).varint(0).varint(0).varint(0).varint(0);
    for (int i = 0; i < 6; ++i) f.text("");
    f.text("again");
    std::size_t at = f.at();
    f.text("again");
    CHECK(refusal(f.bytes()) ==
          fmt::format("t.loopscope: byte {}: string 2: repeats string 1 (each text is stored once)", at));
}

TEST_CASE("an event's string id outside the string table is refused", "[trace_file]") {
    file_bytes f = up_to_events();
    create_task_1(f).byte(output).varint(0);
    std::size_t at = f.at();
    f.varint(99).varint(1);
    still_clock(f);
    CHECK(refusal(f.bytes()) ==
          fmt::format("t.loopscope: byte {}: event 1: string id 99 is outside the string table (4 strings)", at));
}

TEST_CASE("an event's location outside the location table is refused", "[trace_file]") {
    file_bytes f = up_to_events();
    create_task_1(f).byte(output).varint(0).varint(3);
    std::size_t at = f.at();
    f.varint(5);
    still_clock(f);
    CHECK(refusal(f.bytes()) ==
          fmt::format("t.loopscope: byte {}: event 1: location 5 is outside the location table (2 locations)", at));
}

TEST_CASE("an event naming a task that is not in the task table is refused", "[trace_file]") {
    file_bytes f = up_to_events();
    create_task_1(f).byte(step_begin);
    std::size_t at = f.at();
    f.varint(8).varint(0);  // task 1 + 4
    still_clock(f);
    CHECK(refusal(f.bytes()) ==
          fmt::format("t.loopscope: byte {}: event 1: task 5 is not in the task table (1 task)", at));
}

TEST_CASE("an event using a task before the task table says it was created is refused", "[trace_file]") {
    file_bytes f = up_to_events();
    std::size_t at = f.at();
    f.byte(output).varint(2).varint(3).varint(1);  // Task-1 prints at event 0, where it should be created
    f.byte(task_created).varint(0).varint(0).varint(1);
    still_clock(f);
    CHECK(refusal(f.bytes()) ==
          fmt::format("t.loopscope: byte {}: event 0: the task table says task 1 is created here, but the event "
                      "is output",
                      at));
}

TEST_CASE("an event using a task before its creation is refused, unless it names the task", "[trace_file]") {
    file_bytes f = up_to_tasks({.events = 3});
    f.varint(1).varint(2).varint(0).varint(1).varint(2);                 // Task-1, created at event 2
    f.byte(std::uint8_t(event_kind::task_renamed)).varint(2).varint(1);  // create_task(name=...) does this
    std::size_t at = f.at();
    f.byte(step_begin).varint(0).varint(0);
    f.byte(task_created).varint(0).varint(0).varint(1);
    still_clock(f);
    CHECK(refusal(f.bytes()) ==
          fmt::format("t.loopscope: byte {}: event 1: task 1 is used before it is created (at event 2)", at + 1));
}

TEST_CASE("a task created twice is refused", "[trace_file]") {
    file_bytes f = up_to_events();
    create_task_1(f);
    std::size_t at = f.at();
    f.byte(task_created).varint(0).varint(0).varint(1);
    still_clock(f);
    CHECK(refusal(f.bytes()) ==
          fmt::format("t.loopscope: byte {}: event 1: a task is created here, but the task table does not say so", at));
}

TEST_CASE("an unknown event kind is refused", "[trace_file]") {
    file_bytes f = up_to_events();
    create_task_1(f);
    std::size_t at = f.at();
    f.byte(25);
    still_clock(f);
    CHECK(refusal(f.bytes()) == fmt::format("t.loopscope: byte {}: event 1: unknown event kind 25", at));
}

TEST_CASE("a step outcome out of range is refused", "[trace_file]") {
    file_bytes f = up_to_events();
    create_task_1(f);
    std::size_t at = f.at();
    f.byte(step_end | 6 << 5).varint(0).varint(0).varint(0);
    still_clock(f);
    CHECK(refusal(f.bytes()) ==
          fmt::format("t.loopscope: byte {}: event 1: step outcome 6 is out of range (0 to 4)", at));
}

TEST_CASE("a task whose parent is not an earlier task is refused", "[trace_file]") {
    file_bytes f = up_to_tasks();
    f.varint(1).varint(2);
    std::size_t at = f.at();
    f.varint(1).varint(1).varint(0);  // Task-1 says it is its own parent
    CHECK(refusal(f.bytes()) == fmt::format("t.loopscope: byte {}: task 1: parent 1 is not an earlier task", at));
}

TEST_CASE("a task created after the last event is refused", "[trace_file]") {
    file_bytes f = up_to_tasks();
    f.varint(1).varint(2).varint(0).varint(1);
    std::size_t at = f.at();
    f.varint(2);
    CHECK(refusal(f.bytes()) ==
          fmt::format("t.loopscope: byte {}: task 1: created at event 2, past the end of the trace (2 events)", at));
}

TEST_CASE("a clock that goes back is refused", "[trace_file]") {
    file_bytes f = up_to_events({.times = 3});
    create_task_1(f).byte(output).varint(0).varint(3).varint(1);
    f.varint(0).time(0.0).varint(1).time(1.0).varint(0);
    std::size_t at = f.at();
    f.time(0.5).varint(0).varint(0);
    CHECK(
        refusal(f.bytes()) ==
        fmt::format("t.loopscope: byte {}: time change 2: time 0.5 goes back from 1 (the clock never goes back)", at));
}

TEST_CASE("a time that is not a number is refused", "[trace_file]") {
    file_bytes f = up_to_events();
    create_task_1(f).byte(output).varint(0).varint(3).varint(1);
    f.varint(0);
    std::size_t at = f.at();
    f.time(std::numeric_limits<double>::quiet_NaN()).varint(0).varint(0);
    CHECK(refusal(f.bytes()) == fmt::format("t.loopscope: byte {}: time change 0: the time is not a number", at));
}

TEST_CASE("a time change after the last event is refused", "[trace_file]") {
    file_bytes f = up_to_events();
    create_task_1(f).byte(output).varint(0).varint(3).varint(1);
    std::size_t at = f.at();
    f.varint(3).time(0.0).varint(0).varint(0);
    CHECK(refusal(f.bytes()) ==
          fmt::format("t.loopscope: byte {}: time change 0: event 3 is past the end of the trace (2 events)", at));
}

TEST_CASE(
    "iteration numbers that overflow 32 bits are refused (they are stored as increments, so they never "
    "decrease)",
    "[trace_file]") {
    file_bytes f = up_to_events({.iterations = 2});
    create_task_1(f).byte(output).varint(0).varint(3).varint(1);
    f.varint(0).time(0.0).varint(0).varint(0xFFFF'FFFF).varint(1);
    std::size_t at = f.at();
    f.varint(1);
    CHECK(refusal(f.bytes()) ==
          fmt::format("t.loopscope: byte {}: iteration change 1: iteration 4294967296 does not fit in 32 bits", at));
}

TEST_CASE("bytes after the end of the trace are refused", "[trace_file]") {
    std::string bytes = encode_trace(run_with_defaults("countdown"));
    std::size_t at = bytes.size();
    bytes += "xyz";
    CHECK(refusal(bytes) == fmt::format("t.loopscope: byte {}: end: 3 bytes of trailing garbage after the trace", at));
}

TEST_CASE("loading names the file it could not read", "[trace_file]") {
    scratch_directory dir;
    fs::path missing = dir.path() / "missing.loopscope";
    CHECK_THROWS_WITH(load_trace(missing), missing.string() + ": cannot open: No such file or directory");
    CHECK_THROWS_WITH(load_trace(dir.path()), dir.path().string() + ": not a regular file");
    fs::path bad = dir.path() / "bad.loopscope";
    write_bytes(bad, "not a trace");
    CHECK_THROWS_WITH(load_trace(bad), bad.string() + ": not a Loopscope trace (wrong magic)");
}
