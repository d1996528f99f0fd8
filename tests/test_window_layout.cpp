// The window's layout and colours, checked without a display: ImGui runs its
// frames headless (as the GL backend would, minus the drawing), and the
// layout probe says where every panel, lane and control went.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <imgui.h>

#include <filesystem>
#include <fstream>

#include "app.hpp"
#include "loopscope/sim/atomic_file.hpp"
#include "loopscope/sim/lessons.hpp"
#include "layout_probe.hpp"
#include "layout_settings.hpp"
#include "theme.hpp"
#include "window.hpp"

using namespace loopscope;

namespace {

/// An ImGui context with the window's fonts and style, for one test.
struct headless_imgui {
    explicit headless_imgui(const ui::theme_options& theme, ImVec2 display = {1280, 720}) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = display;
        io.IniFilename = nullptr;
        io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
        ui::load_fonts(theme.font_scale);
        unsigned char* pixels = nullptr;
        int width = 0, height = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
        ui::apply_style(theme);
    }
    ~headless_imgui() { ImGui::DestroyContext(); }
    headless_imgui(const headless_imgui&) = delete;
    headless_imgui& operator=(const headless_imgui&) = delete;

    /// Draws `frames` frames (ImGui sizes windows from the previous frame), applying requests between them.
    void frames(ui::app& a, int frames = 4) {
        for (int i = 0; i < frames; ++i) {
            a.apply_requests();
            ImGui::GetIO().DeltaTime = 1.0f / 60;
            ImGui::NewFrame();
            ui::draw_frame(a);
            ImGui::Render();
        }
    }
};

ui::app scenario_app(const char* id) {
    const sim::scenario* s = sim::find_scenario(id);
    REQUIRE(s);
    return ui::app(*s, sim::parameter_values(s->parameters));
}

using rect = std::pair<ImVec2, ImVec2>;

rect probed(const std::string& name) {
    INFO("layout entry " << name);
    auto r = ui::probe().find(name);
    REQUIRE(r);
    return *r;
}

/// Lanes whose whole height is inside the lanes' visible area.
int fully_visible_lanes(const ui::app& a) {
    auto plot = probed("plot");
    int visible = 0;
    for (std::size_t id = 1; id <= a.timeline().lanes(); ++id)
        if (auto lane = ui::probe().find(fmt::format("lane:{}", id)))
            visible += lane->first.y >= plot.first.y - 0.5f && lane->second.y <= plot.second.y + 0.5f;
    return visible;
}

}  // namespace

TEST_CASE("every text colour reads at 4.5:1 or more on what it is drawn on, in both themes and palettes", "[theme]") {
    for (bool dark : {true, false})
        for (auto palette : {ui::palette_kind::colour_blind_safe, ui::palette_kind::standard}) {
            ui::theme_options theme{dark, palette, 1.0f};
            headless_imgui imgui(theme);
            auto pairings = ui::text_pairings(theme);
            CHECK(pairings.size() > 40);
            for (const auto& p : pairings) {
                INFO((dark ? "dark" : "light") << " theme, " << (palette == ui::palette_kind::standard ? "standard" : "Okabe-Ito")
                                               << " palette: " << p.what);
                CHECK(ui::contrast_ratio(p.text, p.background) >= 4.5);
            }
        }
}

TEST_CASE("the contrast ratio is WCAG's: black on white is 21, a colour on itself is 1", "[theme]") {
    CHECK(ui::contrast_ratio(IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255)) == Approx(21.0));
    CHECK(ui::contrast_ratio(IM_COL32(119, 119, 119, 255), IM_COL32(255, 255, 255, 255)) == Approx(4.48).epsilon(0.01));
    CHECK(ui::contrast_ratio(IM_COL32(240, 228, 66, 255), IM_COL32(240, 228, 66, 255)) == Approx(1.0));
}

TEST_CASE("no panel has a zero or negative size at any font scale from 1x to 3x and any window from 1024x600 up",
          "[layout]") {
    for (float scale : {1.0f, 1.5f, 2.0f, 2.5f, 3.0f})
        for (ImVec2 display : {ImVec2{1024, 600}, ImVec2{1280, 720}, ImVec2{1366, 768}, ImVec2{1920, 1080}})
            for (const char* id : {"countdown_gather", "echo_server"})
                for (bool presenter : {false, true}) {
                    INFO(id << " at " << display.x << "x" << display.y << ", font " << scale << "x"
                            << (presenter ? ", presenter layout" : ""));
                    ui::theme_options theme{true, ui::palette_kind::colour_blind_safe, scale};
                    headless_imgui imgui(theme, display);
                    auto a = scenario_app(id);
                    a.view.theme = theme;
                    if (presenter) a.view.presenter();
                    imgui.frames(a);
                    int panels = 0;
                    for (const char* name : {"Timeline", "Event loop", "Source", "Console", "Tasks"}) {
                        auto r = ui::probe().find(fmt::format("panel:{}", name));
                        if (!r) continue;
                        ++panels;
                        INFO("panel " << name);
                        CHECK(r->second.x - r->first.x > 0);
                        CHECK(r->second.y - r->first.y > 0);
                        CHECK(r->first.x >= 0);
                        CHECK(r->second.x <= display.x);
                        CHECK(r->second.y <= display.y);
                    }
                    CHECK(panels == (presenter ? 3 : 5));
                }
}

TEST_CASE("at 1280x720 every lane of echo_server shows at font 2x, and at least 5 of its 8 at 3x", "[layout]") {
    for (auto [scale, wanted] : {std::pair{1.0f, 8}, std::pair{2.0f, 8}, std::pair{3.0f, 5}})
        for (bool presenter : {false, true}) {
            INFO("font " << scale << "x" << (presenter ? ", presenter layout" : ""));
            ui::theme_options theme{true, ui::palette_kind::colour_blind_safe, scale};
            headless_imgui imgui(theme, {1280, 720});
            auto a = scenario_app("echo_server");
            REQUIRE(a.timeline().lanes() == 8);
            a.view.theme = theme;
            if (presenter) a.view.presenter();
            imgui.frames(a);
            CHECK(fully_visible_lanes(a) >= wanted);
        }
}

TEST_CASE("the source listing shows each line from its first character, right of the line numbers", "[layout]") {
    for (float scale : {1.0f, 2.0f, 3.0f}) {
        INFO("font " << scale << "x");
        ui::theme_options theme{true, ui::palette_kind::colour_blind_safe, scale};
        headless_imgui imgui(theme, {1280, 720});
        auto a = scenario_app("countdown_gather");
        a.view.theme = theme;
        imgui.frames(a);  // event 0: nothing followed, no sideways scroll
        for (int line = 1; line <= 5; ++line) {
            INFO("line " << line);
            // code:...: from where the text starts to where the gutter's clip ends
            auto code = probed(fmt::format("code:python:{}", line));
            CHECK(code.first.x >= code.second.x - 0.5f);
        }
    }
}

TEST_CASE("the tasks table keeps the what-if button of every live task on screen", "[layout]") {
    headless_imgui imgui({true, ui::palette_kind::colour_blind_safe, 1.0f}, {1280, 720});
    auto a = scenario_app("producer_consumer");
    a.seek(20);
    imgui.frames(a);
    auto tasks = probed("panel:Tasks");
    for (task_id id = 1; id <= a.state().tasks.size(); ++id) {
        if (sim::is_terminal(a.state().tasks[id - 1].state)) continue;
        INFO("Task-" << id);
        auto button = probed(fmt::format("button:cancel here:{}", id));
        CHECK(button.first.x >= tasks.first.x);
        CHECK(button.second.x <= tasks.second.x);
    }
}

TEST_CASE("a what-if asked for while the tasks table draws is applied between frames, at the same event", "[app]") {
    headless_imgui imgui({true, ui::palette_kind::colour_blind_safe, 1.0f});
    auto a = scenario_app("countdown_gather");
    a.seek(30);
    imgui.frames(a, 2);
    const auto before = a.trace().size();
    // What the "cancel here" button does, for every row: the old trace stays until the frame ends.
    for (task_id id = 1; id <= 3; ++id) a.request([id](ui::app& to) { to.cancel_at_playhead(id); });
    CHECK(a.trace().size() == before);
    imgui.frames(a, 2);
    CHECK(a.has_what_if());
    CHECK(a.position() == 30);
    CHECK(a.trace().size() != before);
    CHECK(a.status() == "What-if: Task-3 cancelled at event 30");
}

TEST_CASE("zooming out never leaves the run, whatever the playhead", "[app]") {
    ui::timeline_range range;
    range.fit_to(0, 10);
    for (int i = 0; i < 50; ++i) range.zoom(1 / 0.7, -100, 0, 10);  // an anchor far off screen
    CHECK(range.x0 >= -0.4 - 1e-9);
    CHECK(range.x1 <= 10.4 + 1e-9);
    range.zoom(0.001, 5, 0, 10);
    range.pan(-1000, 0, 10);
    CHECK(range.x0 >= -0.4 - 1e-9);
    CHECK(range.x1 > range.x0);
}

TEST_CASE("the layout is remembered in a file, and a bad line is named and skipped", "[settings]") {
    auto dir = std::filesystem::temp_directory_path() / fmt::format("loopscope-layout-{}", ::getpid());
    auto file = dir / "loopscope" / "layout.ini";
    ui::view_options saved;
    saved.sizes.right_width = 0.25f;
    saved.sizes.timeline_height = 0.7f;
    saved.show_tasks = false;
    ui::save_layout(file, saved);
    ui::view_options loaded;
    CHECK(ui::load_layout(file, loaded).empty());
    CHECK(loaded.sizes == saved.sizes);
    CHECK(!loaded.show_tasks);
    {
        std::ofstream out(file, std::ios::app);
        out << "right_width = wide\nfont = 2\nshow_loop = maybe\njust words\n";
    }
    auto problems = ui::load_layout(file, loaded);
    CHECK(problems == std::vector<std::string>{
                          "layout.ini:13: right_width must be a number from 0 to 1; got 'wide'",
                          "layout.ini:14: unknown setting 'font'",
                          "layout.ini:15: show_loop must be true or false; got 'maybe'",
                          "layout.ini:16: expected 'name = value'; got 'just words'"});
    CHECK(loaded.sizes.right_width == 0.25f);
    loaded.reset_layout();
    CHECK(loaded.sizes == ui::panel_sizes{});
    CHECK(loaded.show_tasks);
    std::filesystem::remove_all(dir);
}

TEST_CASE("revealing as you step shows nothing of the future; dimming shows it all", "[app]") {
    for (bool reveal : {true, false}) {
        INFO((reveal ? "reveal as you step" : "future dimmed"));
        headless_imgui imgui({true, ui::palette_kind::colour_blind_safe, 1.0f}, {1600, 900});
        auto a = scenario_app("gather_exception");
        a.view.reveal_as_you_step = reveal;
        ui::probe().detailed = true;
        // After a0 printed "a0 finished" at t=1 and before a1 raised: Task-1..4 exist, Task-3 has not failed yet.
        const auto& outputs = a.playback().outputs();
        REQUIRE(outputs.size() >= 2);
        a.seek(outputs[0] + 1);
        imgui.frames(a);
        ui::probe().detailed = false;
        REQUIRE(a.state().tasks.size() == 4);
        CHECK(ui::probe().find("lane:4").has_value());
        CHECK(ui::probe().find("lane:5").has_value() == !reveal);        // created later
        CHECK(ui::probe().find("end:3").has_value() == !reveal);         // fails later
        CHECK(ui::probe().find("button:console line 1").has_value());
        CHECK(ui::probe().find("button:console line 2").has_value() == !reveal);  // printed later
    }
}

TEST_CASE("an example runs from a copy in the examples folder, and a copy the user edited is run, not overwritten",
          "[app]") {
    // The child, loopscope-python, is next to this test (tests/CMakeLists.txt).
    const auto data = std::filesystem::temp_directory_path() / fmt::format("loopscope-examples-{}", ::getpid());
    ::setenv("XDG_DATA_HOME", data.c_str(), 1);
    const auto& lesson = sim::lesson_programs().front();
    const auto copy = data / "loopscope" / "examples" / "lessons" / (std::string(lesson.id) + ".py");
    auto a = scenario_app("countdown_gather");
    a.open_example("lessons/" + std::string(lesson.id), lesson.text);
    CHECK(a.running_program());
    CHECK(a.trace().origin.scenario == "countdown_gather");  // shown until the program's run is ready
    a.finish_program();
    CHECK(a.error().empty());
    CHECK(sim::file_text(copy) == lesson.text);
    CHECK(a.trace().origin.program.path == copy.string());
    CHECK(a.title() == std::string(lesson.id) + ".py");

    { std::ofstream(copy, std::ios::app) << "print('mine')\n"; }
    a.open_example("lessons/" + std::string(lesson.id), lesson.text);
    CHECK(a.status() == fmt::format("Running your edited copy {} (delete it for the original)", copy.string()));
    a.finish_program();
    CHECK(sim::file_text(copy).ends_with("print('mine')\n"));
    CHECK(a.trace().origin.program.source.ends_with("print('mine')\n"));
    ::unsetenv("XDG_DATA_HOME");
    std::filesystem::remove_all(data);
}

TEST_CASE("a program's selected task shows its await chain; a frame points the Source panel at its line", "[app]") {
    headless_imgui imgui({true, ui::palette_kind::colour_blind_safe, 1.0f}, {1280, 720});
    auto a = scenario_app("countdown_gather");
    a.open_trace(LOOPSCOPE_LESSONS "/countdown_tasks.py");  // in the child next to this test
    a.finish_program();
    REQUIRE(a.error().empty());
    std::size_t waits = 0;  // after Task-2's first step: it waits at `await asyncio.sleep(1)`, line 9
    while (waits < a.trace().size() && !(a.trace()[waits].kind == sim::event_kind::step_end && a.trace()[waits].task == 2))
        ++waits;
    a.seek(waits + 1);
    a.selected_task = 2;
    imgui.frames(a);
    CHECK(ui::probe().find("button:frame 1"));
    CHECK_FALSE(ui::probe().find("button:frame 2"));  // sleep is asyncio's own code: named, not a link
    CHECK_FALSE(ui::probe().find("pointed_line:python:9"));
    a.pointed_line = 9;  // what clicking "countdown line 9" does
    imgui.frames(a);
    CHECK(ui::probe().find("pointed_line:python:9"));
    a.seek(waits + 2);
    imgui.frames(a);
    CHECK_FALSE(ui::probe().find("pointed_line:python:9"));  // the playhead's lines take over
}

TEST_CASE("a program re-runs from its file as it is now, with the arguments typed, at the same event", "[app]") {
    const auto file = std::filesystem::temp_directory_path() / fmt::format("loopscope-rerun-{}.py", ::getpid());
    const std::string first = "import asyncio, sys\n\nasync def main():\n    for word in sys.argv[1:]:\n"
                              "        print(word)\n        await asyncio.sleep(1)\n\nasyncio.run(main())\n";
    sim::write_file_atomically(file, first);
    auto a = scenario_app("countdown_gather");
    a.open_program(file, {"one"});
    a.finish_program();
    REQUIRE(a.error().empty());
    CHECK(a.program_arguments == "one");
    const auto before = a.trace().size();
    a.seek(5);
    sim::write_file_atomically(file, first + "print('edited')\n");  // edited in another editor
    a.program_arguments = "two three";
    a.rerun_program();
    CHECK(a.trace().size() == before);  // the old run stays shown until the new one is ready
    a.finish_program();
    CHECK(a.trace().origin.program.args == std::vector<std::string>{"two", "three"});
    CHECK(a.trace().origin.program.source.ends_with("print('edited')\n"));
    CHECK(a.trace().size() > before);
    CHECK(a.position() == 5);
    std::filesystem::remove(file);
}

TEST_CASE("what-if on a program: cancel here re-runs it in a child with the cancel posted at that event", "[app]") {
    auto a = scenario_app("countdown_gather");
    a.open_trace(LOOPSCOPE_LESSONS "/countdown_tasks.py");
    a.finish_program();
    REQUIRE(a.error().empty());
    auto outcome_of = [&](task_id task) {  // the last step end's outcome
        std::string outcome;
        for (std::size_t k = 0; k < a.trace().size(); ++k)
            if (a.trace()[k].kind == sim::event_kind::step_end && a.trace()[k].task == task)
                outcome = to_string(step_outcome(a.trace()[k].sub));
        return outcome;
    };
    CHECK(outcome_of(2) == "done");
    a.seek(30);
    a.cancel_at_playhead(2);
    CHECK(a.running_program());
    a.finish_program();
    REQUIRE(a.error().empty());
    CHECK(a.has_what_if());
    CHECK(a.position() == 30);
    CHECK(a.status() == "What-if: Task-2 cancelled at event 30");
    CHECK(outcome_of(2) == "cancelled");
    CHECK(a.trace().origin.program.errors.ends_with("asyncio.exceptions.CancelledError: what-if\n"));
    a.clear_what_if();
    a.finish_program();
    CHECK_FALSE(a.has_what_if());
    CHECK(a.status() == "What-if changes cleared");
    CHECK(outcome_of(2) == "done");
}

namespace {

/// A program of three prints a second apart, in a file of its own.
struct three_prints {
    std::filesystem::path file = std::filesystem::temp_directory_path() / fmt::format("loopscope-edit-{}.py", ::getpid());
    std::string text = "import asyncio\n\nasync def main():\n    for word in ['a', 'b', 'c']:\n"
                       "        print(word)\n        await asyncio.sleep(1)\n\nasyncio.run(main())\n";
    three_prints() { sim::write_file_atomically(file, text); }
    ~three_prints() { std::filesystem::remove(file); }
};

/// The index after the print of `text` in the trace shown (the playhead on it), 0: none.
std::size_t after_print(ui::app& a, std::string_view text) {
    for (std::size_t k = 0; k < a.trace().size(); ++k)
        if (a.trace()[k].kind == sim::event_kind::output && a.trace().strings[a.trace()[k].a] == text) return k + 1;
    return 0;
}

}  // namespace

TEST_CASE("the editor's text runs without touching the file, and the playhead stays on the line it printed", "[app]") {
    three_prints program;
    auto a = scenario_app("countdown_gather");
    a.open_program(program.file);
    a.finish_program();
    REQUIRE(a.error().empty());
    CHECK(a.editor.text() == program.text);
    CHECK_FALSE(a.has_unsaved_edits());
    const std::size_t at_b = after_print(a, "b");
    REQUIRE(at_b > 0);
    a.seek(at_b);
    a.editor.place({3, 0}, false);  // a print before the loop: "b" comes later in the run
    a.editor.insert("    print('start')\n");
    CHECK(a.has_unsaved_edits());
    a.rerun_program();
    a.finish_program();
    REQUIRE(a.error().empty());
    CHECK(sim::file_text(program.file) == program.text);
    CHECK(a.trace().origin.program.source == a.editor.text());
    CHECK(a.has_unsaved_edits());  // run, not saved
    CHECK(a.position() == after_print(a, "b"));
    CHECK(a.position() != at_b);
    // Off a print, the playhead keeps its event.
    a.seek(3);
    a.rerun_program();
    a.finish_program();
    CHECK(a.position() == 3);
    a.save_program();
    CHECK(sim::file_text(program.file) == a.editor.text());
    CHECK_FALSE(a.has_unsaved_edits());
    CHECK(a.status() == "Saved " + program.file.string());
}

TEST_CASE("an edit that does not start is marked at its line, and the last run that did stays shown", "[app]") {
    three_prints program;
    auto a = scenario_app("countdown_gather");
    a.open_program(program.file);
    a.finish_program();
    const std::string ran = a.trace().origin.program.source;
    const std::size_t events = a.trace().size();
    a.editor.place({4, 0}, false);
    a.editor.insert("        print(word\n");
    a.rerun_program();
    a.finish_program();
    CHECK(a.error().empty());  // said in the editor, not in a popup over it
    CHECK(a.trace().origin.program.source == ran);
    CHECK(a.trace().size() == events);
    REQUIRE(a.edit_failure());
    CHECK(a.edit_failure()->line == 5);
    CHECK(a.edit_failure()->message == fmt::format("loopscope: {}:5:14: SyntaxError: '(' was never closed\n"
                                                   "    print(word\n         ^\n", program.file.string()));
    CHECK(a.edit_failure()->said == "SyntaxError: '(' was never closed");
    CHECK(a.editor_error_line() == 5);
    CHECK(a.status() == "The edited program did not start (line 5): the run shown is the last one that did");
    a.editor.undo();
    a.rerun_program();
    a.finish_program();
    CHECK_FALSE(a.edit_failure());
    CHECK(a.editor_error_line() == 0);
}

TEST_CASE("leaving a program with unsaved edits waits for the answer: stay, save, or discard", "[app]") {
    three_prints program;
    auto a = scenario_app("countdown_gather");
    a.open_program(program.file);
    a.finish_program();
    const sim::scenario* other = sim::find_scenario("countdown_tasks");
    REQUIRE(other);
    auto choose_other = [other](ui::app& to) { to.choose_scenario(*other); };
    a.leave_program(choose_other);  // nothing edited: at once
    a.apply_requests();
    CHECK(a.scenario() == other);

    a.open_program(program.file);
    a.finish_program();
    a.editor.insert("# mine\n");
    a.leave_program(choose_other);
    CHECK(a.asks_to_leave());
    a.apply_requests();
    CHECK(a.shows_program());  // not before the answer
    a.answer_leave(ui::app::leave_answer::stay);
    a.apply_requests();
    CHECK_FALSE(a.asks_to_leave());
    CHECK(a.shows_program());
    CHECK(a.editor.text() == "# mine\n" + program.text);

    a.leave_program(choose_other);
    a.answer_leave(ui::app::leave_answer::save);
    a.apply_requests();
    CHECK(sim::file_text(program.file) == "# mine\n" + program.text);
    CHECK(a.scenario() == other);

    a.open_program(program.file);
    a.finish_program();
    a.editor.insert("# gone\n");
    a.leave_program(choose_other);
    a.answer_leave(ui::app::leave_answer::discard);
    a.apply_requests();
    CHECK(a.scenario() == other);
    CHECK(sim::file_text(program.file) == "# mine\n" + program.text);
}
