// The window as a person sees it: `loopscope --screenshot` under Xvfb, then
// pixels checked where the layout file says things were drawn.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <stb_image.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>

#include "loopscope/sim/run.hpp"
#include "loopscope/sim/timeline_model.hpp"

using namespace loopscope;
using namespace loopscope::sim;

namespace {

struct rgb {
    int r, g, b;
    friend bool operator==(const rgb&, const rgb&) = default;
};

std::ostream& operator<<(std::ostream& os, const rgb& c) { return os << "rgb(" << c.r << ", " << c.g << ", " << c.b << ")"; }

struct screenshot {
    int width = 0, height = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> pixels{nullptr, stbi_image_free};
    nlohmann::json layout;

    [[nodiscard]] rgb at(float x, float y) const {
        int px = std::clamp(int(x), 0, width - 1), py = std::clamp(int(y), 0, height - 1);
        const unsigned char* p = pixels.get() + (std::size_t(py) * std::size_t(width) + std::size_t(px)) * 4;
        return {p[0], p[1], p[2]};
    }
    [[nodiscard]] std::array<float, 4> rect(const std::string& name) const {
        INFO("layout entry " << name);
        REQUIRE(layout.contains(name));
        return layout[name].get<std::array<float, 4>>();
    }
    [[nodiscard]] rgb centre_of(const std::string& name) const {
        auto r = rect(name);
        return at((r[0] + r[2]) / 2, (r[1] + r[3]) / 2);
    }
};

/// Runs the app under Xvfb with `arguments` and loads what it wrote.
screenshot take(const std::string& arguments) {
    auto dir = std::filesystem::temp_directory_path() / fmt::format("loopscope-shot-{}", ::getpid());
    std::filesystem::create_directories(dir);
    auto png = dir / "shot.png", json = dir / "layout.json";
    // Under AddressSanitizer the window process runs without leak detection:
    // Mesa's driver and GLFW leak a few blocks of their own (valgrind names
    // glfwCreateWindow and the first shader compile in
    // ImGui_ImplOpenGL3_RenderDrawData), and the driver is unloaded before
    // LeakSanitizer looks, so its frames cannot be named or suppressed.
    const char* asan = std::getenv("ASAN_OPTIONS");
    std::string command = fmt::format(
        "ASAN_OPTIONS='{}:detect_leaks=0' xvfb-run -a -s '-screen 0 1600x900x24' {} {} --screenshot {} --layout {} 2>&1",
        asan ? asan : "", LOOPSCOPE_EXECUTABLE, arguments, png.string(), json.string());
    INFO(command);
    REQUIRE(std::system(command.c_str()) == 0);
    screenshot s;
    int channels = 0;
    s.pixels.reset(stbi_load(png.c_str(), &s.width, &s.height, &channels, 4));
    REQUIRE(s.pixels);
    std::ifstream in(json);
    s.layout = nlohmann::json::parse(in);
    std::filesystem::remove_all(dir);
    return s;
}

// The colour-blind-safe palette (ui/src/theme.cpp): Okabe & Ito.
constexpr rgb running{230, 159, 0};
constexpr rgb waiting{86, 180, 233};

/// The first position at which `task`'s segment satisfies `pick`, with its segment index.
std::pair<std::size_t, std::size_t> find_segment(const timeline_model& m, task_id task, task_status status, int nth = 1) {
    const auto& lane = m.segments(task);
    for (std::size_t i = 0; i < lane.size(); ++i)
        if (lane[i].status == status && lane[i].end > lane[i].begin + 1 && --nth == 0) return {lane[i].begin, i};
    FAIL("no such segment");
    return {};
}

trace default_trace(const char* id) {
    const scenario* s = find_scenario(id);
    REQUIRE(s);
    return run_scenario(*s, {parameter_values(s->parameters), {}, {}});
}

}  // namespace

TEST_CASE("a waiting countdown's lane shows the waiting colour and the running lane's colour sits at the playhead",
          "[ui]") {
    trace t = default_trace("countdown_gather");
    timeline_model m(t);
    // Task-3 (countdown B) in the middle of a step that prints: it runs at the playhead.
    auto [begin, index] = find_segment(m, 3, task_status::running, 2);
    std::size_t at = begin + 1;
    auto shot = take(fmt::format("--scenario countdown_gather --axis iterations --at-event {}", at));
    // Task-2 (countdown A) already waits on sleep(1): its segment is drawn in the waiting colour.
    auto [wait_begin, wait_index] = find_segment(m, 2, task_status::waiting, 1);
    CHECK(wait_begin < at);
    auto lane = shot.rect("lane:3");
    auto playhead = shot.rect("playhead");
    CHECK(shot.at(playhead[0] - 4, (lane[1] + lane[3]) / 2) == running);
    auto segment = shot.rect(fmt::format("segment:2:{}", wait_index));
    CHECK(shot.at(segment[0] + 3, (segment[1] + segment[3]) / 2) == waiting);
}

TEST_CASE("each task's cursor sits on its line of the Python listing", "[ui]") {
    trace t = default_trace("countdown_gather");
    timeline_model m(t);
    auto [wait_begin, wait_index] = find_segment(m, 3, task_status::waiting, 1);
    auto shot = take(fmt::format("--scenario countdown_gather --at-event {}", wait_begin + 1));
    // Both countdowns wait at `await asyncio.sleep(1)  # @sleep`, line 8 of countdown_gather.py.
    for (int task : {2, 3}) {
        INFO("Task-" << task);
        auto cursor = shot.rect(fmt::format("cursor:python:{}", task));
        auto line = shot.rect("line:python:8");
        CHECK(cursor[1] >= line[1] - 1);
        CHECK(cursor[3] <= line[3] + 1);
    }
    // Side by side on that line, each marked with its task's number (colour means state, not task).
    CHECK(shot.rect("cursor:python:2")[2] <= shot.rect("cursor:python:3")[0]);
}

TEST_CASE("a Python program opens in the window with its own text and a cursor per task on its line", "[ui]") {
    // countdown_tasks.py, 49 events in: Task-2 prints at line 8, Task-3 waits at line 9, main at line 17.
    auto shot = take(LOOPSCOPE_LESSONS "/countdown_tasks.py --at-event 49");
    for (auto [task, line] : {std::pair{1, 17}, std::pair{2, 8}, std::pair{3, 9}}) {
        INFO("Task-" << task);
        auto cursor = shot.rect(fmt::format("cursor:python:{}", task));
        auto row = shot.rect(fmt::format("line:python:{}", line));
        CHECK(cursor[1] >= row[1] - 1);
        CHECK(cursor[3] <= row[3] + 1);
    }
    // One listing, the program's own (its editor): no tabs, no C++ twin.
    CHECK_FALSE(shot.layout.contains("button:Python"));
    CHECK_FALSE(shot.layout.contains("button:C++"));
}

TEST_CASE("a program's selected task shows its await chain and each frame's variables in the Tasks panel", "[ui]") {
    // countdown_tasks.py, 49 events in: Task-3 (countdown('B', 2)) waits in sleep at line 9 with n = 2.
    auto shot = take(LOOPSCOPE_LESSONS "/countdown_tasks.py --at-event 49 --select 3 --width 1280 --height 720");
    auto tasks = shot.rect("panel:Tasks");
    auto frame = shot.rect("button:frame 1");  // countdown line 9: a link to the line
    auto locals = shot.rect("locals:countdown");
    for (const auto& r : {frame, locals}) {
        CHECK(r[0] >= tasks[0]);
        CHECK(r[2] <= tasks[2] + 1);
        CHECK(r[1] >= tasks[1]);
        CHECK(r[3] <= tasks[3] + 1);
    }
    CHECK(frame[3] <= locals[1] + 1);  // the chain, then the variables under it
    // The variables are drawn: the text's colour and the panel's both appear on the row.
    std::set<int> shades;
    for (float x = locals[0]; x < locals[2]; x += 1) shades.insert(shot.at(x, (locals[1] + locals[3]) / 2).r);
    CHECK(shades.size() > 2);
}

TEST_CASE("a program's asyncio objects are shown in the Tasks panel with the tasks waiting on each under it", "[ui]") {
    // objects_waited_on.py at 0.5 s (event 76): Task-2 and Task-3 wait in the queue's get(), Task-4 and Task-5
    // in the event's wait(), Task-6 holds the lock and Task-7 waits for it.
    auto shot = take(LOOPSCOPE_TEST_PROGRAMS "/objects_waited_on.py --at-event 76 --width 1280 --height 720");
    auto tasks = shot.rect("panel:Tasks");
    auto queue = shot.rect("object:1");
    CHECK(queue[0] >= tasks[0]);
    CHECK(queue[2] <= tasks[2] + 1);
    CHECK(queue[1] >= tasks[1]);
    for (const auto& [control, object] : {std::pair{"button:object 1 waiter:2", "object:1"},
                                          std::pair{"button:object 1 waiter:3", "object:1"},
                                          std::pair{"button:object 2 waiter:4", "object:2"},
                                          std::pair{"button:object 2 waiter:5", "object:2"},
                                          std::pair{"button:object 3 holder:6", "object:3"},
                                          std::pair{"button:object 3 waiter:7", "object:3"}}) {
        INFO(control);
        auto button = shot.rect(control), row = shot.rect(object);
        CHECK(button[1] >= row[1]);  // grouped under their object
        CHECK(button[3] <= row[3] + 1);
    }
    // The waiters are on a row of their own under the object's state; the holder is on the state's row.
    CHECK(shot.rect("button:object 1 waiter:2")[1] >= queue[1] + (queue[3] - queue[1]) / 2 - 1);
    CHECK(shot.rect("button:object 3 holder:6")[3] <= shot.rect("button:object 3 waiter:7")[1] + 1);
    CHECK_FALSE(shot.layout.contains("button:object 1 waiter:4"));

    // After main's put_nowait of three items (event 92): the queue's contents, nobody waiting on it.
    auto full = take(LOOPSCOPE_TEST_PROGRAMS "/objects_waited_on.py --at-event 92 --width 1280 --height 720 --theme dark");
    auto items = full.rect("object:1");
    CHECK_FALSE(full.layout.contains("button:object 1 waiter:2"));
    std::set<int> shades;  // the text's colours and the panel's appear on the row
    for (float x = items[0]; x < items[2]; x += 1) shades.insert(full.at(x, (items[1] + items[3]) / 2).r);
    CHECK(shades.size() > 2);
}

TEST_CASE("a program that cannot start says so in the window, at its line, and the screenshot still works", "[ui]") {
    auto dir = std::filesystem::temp_directory_path() / fmt::format("loopscope-bad-{}", ::getpid());
    std::filesystem::create_directories(dir);
    {
        std::ofstream out(dir / "bad.py");
        out << "import asyncio\n\nasync def main():\n    print(\"a\",\n\nasyncio.run(main())\n";
    }
    auto shot = take((dir / "bad.py").string());  // take() requires exit status 0: the window did its job
    std::filesystem::remove_all(dir);
    CHECK(shot.layout.contains("error_line:python:4"));  // print("a", is never closed
    CHECK(shot.layout.contains("program_error"));        // "It ended with exit status 1: ... SyntaxError"
    CHECK(shot.layout.contains("console:stderr"));       // the error in full, in the console
}

TEST_CASE("at presenter size the source scrolls to the line of the task that just stepped", "[ui]") {
    trace t = default_trace("countdown_gather");
    timeline_model m(t);
    // Task-3 (countdown B) has just suspended at line 8; main waits further down, at line 14.
    auto [wait_begin, wait_index] = find_segment(m, 3, task_status::waiting, 1);
    auto shot = take(fmt::format("--scenario countdown_gather --font-scale 2 --at-event {}", wait_begin + 1));
    auto panel = shot.rect("panel:Source");
    auto cursor = shot.rect("cursor:python:3");
    CHECK(cursor[1] >= panel[1]);
    CHECK(cursor[3] <= panel[3]);
}

TEST_CASE("presenter mode draws taller text from the TrueType font", "[ui]") {
    auto normal = take("--scenario countdown");
    auto large = take("--scenario countdown --font-scale 2");
    float normal_font = normal.rect("font_size")[0], large_font = large.rect("font_size")[0];
    CHECK(large_font == Approx(normal_font * 2).epsilon(0.01));
    auto a = normal.rect("readout"), b = large.rect("readout");
    CHECK((b[3] - b[1]) > 1.8f * (a[3] - a[1]));
}

TEST_CASE("the light theme is light and the dark theme is dark", "[ui]") {
    auto luminance = [](rgb c) { return (299 * c.r + 587 * c.g + 114 * c.b) / 1000; };
    auto dark = take("--scenario countdown --theme dark");
    auto light = take("--scenario countdown --theme light");
    auto timeline = dark.rect("timeline");
    float x = timeline[2] - 6, y = timeline[3] - 6;  // a corner of the timeline panel, away from lanes
    CHECK(luminance(dark.at(x, y)) < 80);
    CHECK(luminance(light.at(x, y)) > 180);
}

TEST_CASE("a corrupt trace file shows an error popup and the window keeps its scenario", "[ui]") {
    auto bad = std::filesystem::temp_directory_path() / fmt::format("loopscope-corrupt-{}.loopscope", ::getpid());
    std::ofstream(bad) << "this is not a trace";
    auto shot = take(fmt::format("--scenario countdown --open {}", bad.string()));
    std::filesystem::remove(bad);
    CHECK(shot.layout.contains("error_popup"));
    CHECK(shot.layout.contains("lane:1"));  // countdown's main task is still on the timeline
}
