// The top of the window: the menus (File, View, Play, Scenario, Examples), the
// scenario's parameters as widgets (changing one re-runs it) and what to
// watch for: one line that expands to the whole explanation.
#include <fmt/format.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "loopscope/sim/lessons.hpp"
#include "panels.hpp"

namespace loopscope::ui {

namespace {

void draw_file_menu(app& a) {
    if (!begin_menu("File")) return;
    if (menu_item("Open trace or program...", "Ctrl+O")) a.pending_file_action = file_action::open_trace;
    if (a.shows_program() && menu_item("Save program", "Ctrl+S")) a.save_program();
    if (menu_item("Save trace...", a.shows_program() ? "Ctrl+Shift+S" : "Ctrl+S"))
        a.pending_file_action = file_action::save_trace;
    if (menu_item("Export Chrome JSON...")) a.pending_file_action = file_action::export_chrome;
    ImGui::Separator();
    if (menu_item("Export PNG of the window...")) a.pending_file_action = file_action::export_png_window;
    if (menu_item("Export PNG of the timeline...")) a.pending_file_action = file_action::export_png_timeline;
    end_menu();
}

void draw_view_menu(app& a) {
    if (!begin_menu("View")) return;
    auto& v = a.view;
    // The text is resized once the slider is let go: resized under the pointer, the slider would move
    // while dragged and set another size than the one pointed at.
    static std::optional<float> dragged_scale;
    float scale = dragged_scale.value_or(v.theme.font_scale);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    bool edited = ImGui::SliderFloat("Font size", &scale, 1.0f, 3.0f, "%.2fx");
    probe_control("Font size");
    if (ImGui::IsItemActive()) {
        dragged_scale = scale;
    } else if (dragged_scale || edited) {  // edited: a value typed after Ctrl+click, ended this frame
        v.theme.font_scale = scale;
        dragged_scale.reset();
    }
    if (menu_item("Dark theme", nullptr, v.theme.dark)) v.theme.dark = !v.theme.dark;
    bool safe = v.theme.palette == palette_kind::colour_blind_safe;
    if (menu_item("Colour-blind-safe palette", nullptr, safe))
        v.theme.palette = safe ? palette_kind::standard : palette_kind::colour_blind_safe;
    ImGui::Separator();
    ImGui::TextDisabled("Timeline axis");
    using sim::timeline_axis;
    for (auto [axis, label] : {std::pair{timeline_axis::steps, "Time, each step shown"},
                               std::pair{timeline_axis::time, "Virtual time only"},
                               std::pair{timeline_axis::iterations, "Loop iterations"}})
        if (menu_item(label, nullptr, v.axis == axis) && v.axis != axis) {
            v.axis = axis;
            a.range.fit = true;
        }
    ImGui::Separator();
    if (menu_item("Reveal as you step (hide the future)", nullptr, v.reveal_as_you_step))
        v.reveal_as_you_step = !v.reveal_as_you_step;
    if (menu_item("Arrows (spawn, wake-up, cancel)", nullptr, v.show_arrows)) v.show_arrows = !v.show_arrows;
    ImGui::Separator();
    for (auto [flag, label] : {std::pair{&v.show_scenario_row, "Parameters and explanation row"},
                               std::pair{&v.show_loop, "Event loop panel"}, std::pair{&v.show_source, "Source panel"},
                               std::pair{&v.show_console, "Console panel"}, std::pair{&v.show_tasks, "Tasks panel"}})
        if (menu_item(label, nullptr, *flag)) *flag = !*flag;
    ImGui::Separator();
    if (menu_item("Presenter (projector) layout")) v.presenter();
    if (menu_item("Reset layout")) v.reset_layout();
    end_menu();
}

void draw_parameters(app& a);

void draw_scenario_menu(app& a) {
    const sim::scenario* current = a.scenario();
    if (!begin_menu("Scenario")) return;
    if (current) {
        if (menu_item("What to watch for, in full", nullptr, a.view.show_explanation))
            a.view.show_explanation = !a.view.show_explanation;
        if (!current->parameters.empty()) {
            ImGui::TextDisabled("Parameters (the scenario re-runs at once)");
            draw_parameters(a);
        }
        ImGui::Separator();
    }
    for (const auto& s : sim::all_scenarios()) {
        std::string item = fmt::format("{}  -  {}", s.id, s.title);
        if (menu_item(item.c_str(), nullptr, &s == current)) a.leave_program([&s](app& to) { to.choose_scenario(s); });
    }
    end_menu();
}

/// The lessons and each scenario's Python listing, run as programs. Items read
/// "<id>  -  <title>" as in the Scenario menu.
void draw_examples_menu(app& a) {
    if (!begin_menu("Examples")) return;
    ImGui::TextDisabled("Lessons, run as Python programs");
    for (const auto& lesson : sim::lesson_programs()) {
        std::string item = fmt::format("{}  -  {}", lesson.id, lesson.title);
        if (menu_item(item.c_str())) a.leave_program([&lesson](app& to) { to.open_example("lessons/" + std::string(lesson.id), lesson.text); });
    }
    ImGui::Separator();
    ImGui::TextDisabled("The scenarios' Python listings, run as programs");
    for (const auto& s : sim::all_scenarios()) {
        std::string item = fmt::format("{}  -  {}", s.id, s.title);
        if (menu_item(item.c_str())) a.leave_program([&s](app& to) { to.open_example("scenarios/" + std::string(s.id), s.python_listing); });
    }
    end_menu();
}

void draw_parameters(app& a) {
    const sim::scenario* s = a.scenario();
    if (!s) return;
    bool changed = false;
    bool first = true;
    for (const auto& p : s->parameters) {
        std::string label = std::string(p.name);
        float needed = ImGui::GetFontSize() * 6 + ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().ItemSpacing.x * 2;
        if (!first && ImGui::GetContentRegionAvail().x - (ImGui::GetItemRectMax().x - ImGui::GetCursorScreenPos().x) > needed)
            ImGui::SameLine();
        first = false;
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        if (p.integer) {
            int v = int(a.parameters().integer(p.name));
            if (ImGui::SliderInt(label.c_str(), &v, int(p.min), int(p.max))) {
                a.parameters().set(p.name, v);
                changed = true;
            }
        } else {
            float v = float(a.parameters().number(p.name));
            if (ImGui::SliderFloat(label.c_str(), &v, float(p.min), float(p.max), "%.2f")) {
                a.parameters().set(p.name, v);
                changed = true;
            }
        }
        probe_control(label);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%.*s", int(p.help.size()), p.help.data());
    }
    // The values are read when the re-run is applied, between frames.
    if (changed) a.request([](app& to) { to.rerun(); });
}

/// What to watch for: the first line, cut to fit, or the whole text.
void draw_explanation(app& a, std::string_view text, float width) {
    auto& v = a.view;
    const char* toggle = v.show_explanation ? "less" : "more";
    float toggle_width = ImGui::CalcTextSize(toggle).x + ImGui::GetStyle().FramePadding.x * 2;
    if (a.scenario() && !a.scenario()->parameters.empty()) {
        float left = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x;
        float room = width - ImGui::GetStyle().WindowPadding.x - left - toggle_width - ImGui::GetFontSize() * 2;
        if (v.show_explanation || room < ImGui::GetFontSize() * 10) ImGui::NewLine();
        ImGui::SameLine(0, ImGui::GetFontSize());
    }
    if (ImGui::SmallButton(toggle)) v.show_explanation = !v.show_explanation;
    probe_control(toggle);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s what to watch for", v.show_explanation ? "Shorten" : "Read");
    ImGui::SameLine();
    float right = width - ImGui::GetStyle().WindowPadding.x;
    if (v.show_explanation) {
        ImGui::PushTextWrapPos(right);
        ImGui::TextDisabled("%.*s", int(text.size()), text.data());
        ImGui::PopTextWrapPos();
        return;
    }
    // One line: as many words as fit, then an ellipsis.
    float room = right - ImGui::GetCursorScreenPos().x;
    std::string line(text.substr(0, text.find('\n')));
    if (ImGui::CalcTextSize(line.c_str()).x > room) {
        while (!line.empty() && ImGui::CalcTextSize((line + "...").c_str()).x > room) {
            auto space = line.find_last_of(' ');
            line.resize(space == std::string::npos ? 0 : space);
        }
        line += "...";
    }
    ImGui::TextDisabled("%s", line.c_str());
}

}  // namespace

float draw_menu_bar(app& a) {
    if (!ImGui::BeginMainMenuBar()) return 0;
    draw_file_menu(a);
    draw_view_menu(a);
    draw_play_menu(a);
    draw_scenario_menu(a);
    draw_examples_menu(a);
    if (a.has_what_if() && menu_item("Clear what-if")) a.request([](app& to) { to.clear_what_if(); });
    // What is shown: the scenario and its title, or the file.
    const sim::scenario* s = a.scenario();
    std::string shown = s ? fmt::format("{}: {}", s->id, s->title) : a.title();
    ImGui::TextUnformatted(shown.c_str());
    if (!a.status().empty()) {
        float x = ImGui::GetWindowWidth() - ImGui::CalcTextSize(a.status().c_str()).x - ImGui::GetFontSize();
        if (x > ImGui::GetCursorPosX()) {
            ImGui::SameLine(x);
            ImGui::TextDisabled("%s", a.status().c_str());
        }
    }
    float height = ImGui::GetWindowHeight();
    probe().rect("menu_bar", ImGui::GetWindowPos(), {ImGui::GetWindowPos().x + ImGui::GetWindowWidth(), height});
    ImGui::EndMainMenuBar();
    return height;
}

namespace {

/// [Re-run] [Save] [arguments]: the program again, its text as edited (else
/// its file as it is now), with the arguments typed; the playhead stays.
void draw_rerun(app& a) {
    if (ImGui::SmallButton("Re-run")) a.request([](app& to) { to.rerun_program(); });
    probe_control("Re-run");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Run the program again (Ctrl+Enter): its text as edited, else its file as it is now, "
                          "with these arguments; the playhead stays where it is");
    ImGui::SameLine();
    ImGui::BeginDisabled(!a.editor.modified());
    if (ImGui::SmallButton(a.editor.modified() ? "Save*" : "Save")) a.save_program();
    ImGui::EndDisabled();
    probe_control("Save");
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip(a.editor.modified() ? "Save the edited text to its file (Ctrl+S)" : "No changes to save");
    ImGui::SameLine();
    static std::array<char, 512> typed{};
    if (!ImGui::IsItemActive() && !ImGui::IsAnyItemActive())  // follow the run shown unless being edited
        std::snprintf(typed.data(), typed.size(), "%s", a.program_arguments.c_str());
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    const bool entered = ImGui::InputTextWithHint("##arguments", "arguments (sys.argv[1:])", typed.data(), typed.size(),
                                                  ImGuiInputTextFlags_EnterReturnsTrue);
    probe_control("arguments");
    if (ImGui::IsItemEdited() || entered) a.program_arguments = typed.data();
    if (entered) a.request([](app& to) { to.rerun_program(); });
}

/// "Running prog.py ... 2.4 s [Stop]" above the run shown until the new one is ready.
void draw_program_running(app& a) {
    const sim::program_recording* running = a.running_program();
    const double seconds = running->seconds();
    static constexpr const char* spinner[] = {"|", "/", "-", "\\"};
    const std::string file = std::filesystem::path(running->path()).filename().string();
    ImGui::Text("%s Running %s ... %.1f s", spinner[int(seconds * 8) % 4], file.c_str(), seconds);
    probe().rect("program_running", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImGui::SameLine();
    if (ImGui::SmallButton("Stop")) a.request([](app& to) { to.stop_program(); });
    probe_control("Stop");
}

}  // namespace

void draw_scenario_row(app& a, float width) {
    if (a.running_program()) draw_program_running(a);
    // With few lines on screen (large text, small window) the lanes need the
    // room: the parameters are then only in the Scenario menu.
    const bool roomy = ImGui::GetIO().DisplaySize.y / ImGui::GetFrameHeightWithSpacing() >= 14;
    if (const sim::scenario* s = a.scenario()) {
        if ((roomy && a.view.show_scenario_row) || a.view.show_explanation) {
            draw_parameters(a);
            draw_explanation(a, s->explanation, width);
        }
    } else if (const sim::program_run& run = a.trace().origin.program; !run.path.empty()) {
        const std::string python = run.python_version.substr(0, run.python_version.find(' '));
        const std::string file = std::filesystem::path(run.path).filename().string();  // the title bar has the path
        draw_rerun(a);  // first: at presenter sizes the words after it run off the window, the controls must not
        ImGui::SameLine();
        ImGui::TextDisabled("The program %s, run unchanged on Loopscope's loop (CPython %s)", file.c_str(),
                            python.c_str());
        if (run.exit_status != 0) {
            const std::string_view said = run.error_summary();
            ImGui::PushStyleColor(ImGuiCol_Text, status_text_colour(sim::task_status::failed, a.view.theme));
            ImGui::TextWrapped("It ended with exit status %d%s%.*s", run.exit_status, said.empty() ? "" : ": ",
                               int(said.size()), said.data());
            ImGui::PopStyleColor();
            probe().rect("program_error", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        }
    } else {
        ImGui::TextDisabled("A recorded trace (%s)", a.trace().origin.scenario.empty() ? "not a built-in scenario"
                                                                                      : a.trace().origin.scenario.c_str());
    }
}

}  // namespace loopscope::ui
