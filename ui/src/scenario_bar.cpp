// The top of the window: menus, the scenario picker with its explanation, and
// its parameters as widgets (changing one re-runs the scenario).
#include <fmt/format.h>

#include "panels.hpp"

namespace loopscope::ui {

namespace {

void draw_menus(app& a) {
    if (!ImGui::BeginMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Open trace...", "Ctrl+O")) a.pending_file_action = file_action::open_trace;
        if (ImGui::MenuItem("Save trace...", "Ctrl+S")) a.pending_file_action = file_action::save_trace;
        if (ImGui::MenuItem("Export Chrome JSON...")) a.pending_file_action = file_action::export_chrome;
        ImGui::Separator();
        if (ImGui::MenuItem("Export PNG of the window...")) a.pending_file_action = file_action::export_png_window;
        if (ImGui::MenuItem("Export PNG of the timeline...")) a.pending_file_action = file_action::export_png_timeline;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        auto& v = a.view;
        ImGui::SliderFloat("Font size", &v.theme.font_scale, 1.0f, 3.0f, "%.2fx");
        if (ImGui::MenuItem("Dark theme", nullptr, v.theme.dark)) v.theme.dark = !v.theme.dark;
        bool safe = v.theme.palette == palette_kind::colour_blind_safe;
        if (ImGui::MenuItem("Colour-blind-safe palette", nullptr, safe))
            v.theme.palette = safe ? palette_kind::standard : palette_kind::colour_blind_safe;
        ImGui::Separator();
        bool iterations = v.axis == sim::timeline_axis::iterations;
        if (ImGui::MenuItem("Timeline axis: loop iterations", nullptr, iterations))
            v.axis = iterations ? sim::timeline_axis::time : sim::timeline_axis::iterations;
        ImGui::MenuItem("Reveal as you step (hide the future)", nullptr, &v.reveal_as_you_step);
        ImGui::MenuItem("Arrows (spawn, wake-up, cancel)", nullptr, &v.show_arrows);
        ImGui::Separator();
        ImGui::MenuItem("Scenario explanation", nullptr, &v.show_explanation);
        ImGui::MenuItem("Event loop panel", nullptr, &v.show_loop);
        ImGui::MenuItem("Source panel", nullptr, &v.show_source);
        ImGui::MenuItem("Console panel", nullptr, &v.show_console);
        ImGui::MenuItem("Tasks panel", nullptr, &v.show_tasks);
        ImGui::EndMenu();
    }
    if (a.has_what_if() && ImGui::MenuItem("Clear what-if")) a.clear_what_if();
    if (!a.status().empty()) {
        ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::CalcTextSize(a.status().c_str()).x - 20);
        ImGui::TextDisabled("%s", a.status().c_str());
    }
    ImGui::EndMenuBar();
}

void draw_parameters(app& a) {
    const sim::scenario* s = a.scenario();
    if (!s) return;
    bool changed = false;
    for (const auto& p : s->parameters) {
        std::string label = std::string(p.name);
        float needed = ImGui::GetFontSize() * 7 + ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().ItemSpacing.x * 2;
        if (ImGui::GetContentRegionAvail().x - (ImGui::GetItemRectMax().x - ImGui::GetCursorScreenPos().x) > needed)
            ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
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
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%.*s", int(p.help.size()), p.help.data());
    }
    if (changed) a.rerun();
}

}  // namespace

float draw_scenario_bar(app& a, float width) {
    // The height follows the content: the explanation wraps, and at large font
    // sizes the parameters move to a second row.
    static float content_height = 0;
    float height = content_height > 0 ? content_height + ImGui::GetStyle().WindowPadding.y
                                      : ImGui::GetFrameHeightWithSpacing() * 4;
    ImGui::SetNextWindowPos({0, 0});
    ImGui::SetNextWindowSize({width, height});
    ImGui::Begin("##scenario", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_MenuBar | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
    draw_menus(a);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Scenario");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    const sim::scenario* current = a.scenario();
    std::string preview = current ? std::string(current->id) : a.title();
    if (ImGui::BeginCombo("##scenario_combo", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
        for (const auto& s : sim::all_scenarios()) {
            std::string item = fmt::format("{}  -  {}", s.id, s.title);
            if (ImGui::Selectable(item.c_str(), &s == current)) a.choose_scenario(s);
        }
        ImGui::EndCombo();
    }
    if (current) {
        ImGui::SameLine();
        ImGui::TextUnformatted(current->title.data(), current->title.data() + current->title.size());
        draw_parameters(a);
        if (a.view.show_explanation) {
            ImGui::PushTextWrapPos(width - ImGui::GetStyle().WindowPadding.x);
            ImGui::TextDisabled("%.*s", int(current->explanation.size()), current->explanation.data());
            ImGui::PopTextWrapPos();
        }
    } else {
        ImGui::SameLine();
        ImGui::TextDisabled("a recorded trace (%s)", a.trace().origin.scenario.empty() ? "not a built-in scenario"
                                                                                      : a.trace().origin.scenario.c_str());
    }
    content_height = ImGui::GetCursorPosY();
    ImGui::End();
    return height;
}

}  // namespace loopscope::ui
