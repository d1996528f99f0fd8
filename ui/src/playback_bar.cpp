// Transport: first / back / play / forward / last, the step unit, the speed,
// a scrub bar with a mark per output line and per lint, and the readout.
#include <fmt/format.h>

#include <algorithm>

#include "panels.hpp"

namespace loopscope::ui {

namespace {

constexpr const char* unit_names[] = {"event", "task step", "loop iteration", "time advance"};

/// The scrub bar: positions 0..size along the width; click or drag to seek.
void draw_scrub_bar(app& a, float width) {
    auto& p = a.playback();
    ImVec2 min = ImGui::GetCursorScreenPos();
    float height = ImGui::GetFrameHeight();
    ImVec2 max{min.x + width, min.y + height};
    ImGui::InvisibleButton("##scrub", {width, height});
    std::size_t size = std::max<std::size_t>(p.size(), 1);
    auto x_of = [&](std::size_t k) { return min.x + float(double(k) / double(size)) * width; };
    if (ImGui::IsItemActive()) {
        float f = std::clamp((ImGui::GetIO().MousePos.x - min.x) / width, 0.0f, 1.0f);
        a.seek(std::size_t(f * float(size) + 0.5f));
    }
    ImDrawList* d = ImGui::GetWindowDrawList();
    float mid = (min.y + max.y) / 2;
    d->AddRectFilled({min.x, mid - 3}, {max.x, mid + 3}, ImGui::GetColorU32(ImGuiCol_FrameBg), 3);
    d->AddRectFilled({min.x, mid - 3}, {x_of(a.position()), mid + 3}, ImGui::GetColorU32(ImGuiCol_SliderGrab), 3);
    ImU32 output_mark = ImGui::GetColorU32(ImGuiCol_Text, 0.55f);
    for (std::uint32_t k : p.outputs()) d->AddLine({x_of(k + 1), min.y + 2}, {x_of(k + 1), mid - 4}, output_mark, 1.5f);
    ImU32 lint_mark = accent_colour(a.view.theme.dark);
    for (const auto& l : p.lints()) {
        float x = x_of(l.event + 1);
        d->AddTriangleFilled({x, mid + 4}, {x - 5, max.y}, {x + 5, max.y}, lint_mark);
    }
    float x = x_of(a.position());
    d->AddCircleFilled({x, mid}, height * 0.32f, accent_colour(a.view.theme.dark));
    probe().rect("scrub", min, max);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Drag to scrub. Ticks above: printed lines; triangles below: lints.");
}

}  // namespace

float draw_playback_bar(app& a, ImVec2 pos, float width) {
    static float rows_height = 0;  // one row, or two when the text is large
    float height = rows_height > 0 ? rows_height + ImGui::GetStyle().WindowPadding.y
                                   : ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().WindowPadding.y * 2;
    ImGui::SetNextWindowPos(pos);
    ImGui::SetNextWindowSize({width, height});
    ImGui::Begin("##playback", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    if (ImGui::Button("|<")) a.first();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("First (Home)");
    ImGui::SameLine();
    if (ImGui::Button(" < ")) a.step_back();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step back one %s (Left)", unit_names[int(a.unit)]);
    ImGui::SameLine();
    if (ImGui::Button(a.playing() ? "Pause" : " Play ", {ImGui::GetFontSize() * 4, 0})) a.toggle_play();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play / pause (Space)");
    ImGui::SameLine();
    if (ImGui::Button(" > ")) a.step_forward();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Step forward one %s (Right)", unit_names[int(a.unit)]);
    ImGui::SameLine();
    if (ImGui::Button(">|")) a.last();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Last (End)");

    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    int unit = int(a.unit);
    if (ImGui::Combo("##unit", &unit, unit_names, IM_ARRAYSIZE(unit_names))) a.unit = sim::step_unit(unit);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::SliderFloat("##speed", &a.speed, 0.25f, 16.0f, "%.2gx", ImGuiSliderFlags_Logarithmic);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Speed: at 1x, two steps per second");

    auto& p = a.playback();
    std::string readout = fmt::format("t = {:.3f} s  \xC2\xB7  iteration {}  \xC2\xB7  event {} / {}",
                                      p.time_at(a.position()), p.iteration_at(a.position()), a.position(), p.size());
    float readout_width = ImGui::CalcTextSize(readout.c_str()).x;
    ImGui::SameLine();
    float scrub_width = ImGui::GetContentRegionAvail().x - readout_width - ImGui::GetStyle().ItemSpacing.x * 2;
    if (scrub_width < ImGui::GetFontSize() * 12) {  // large text: the scrub bar gets a row of its own
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(readout.c_str());
        probe().rect("readout", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        draw_scrub_bar(a, ImGui::GetContentRegionAvail().x);
    } else {
        draw_scrub_bar(a, scrub_width);
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(readout.c_str());
        probe().rect("readout", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    }
    rows_height = ImGui::GetCursorPosY();
    ImGui::End();
    return height;
}

}  // namespace loopscope::ui
