// Transport: first / back / play / forward / last, the step unit, the pace,
// a scrub bar with a mark per output line and per lint, the readout, and a
// caption that says in words what the event at the playhead did.
#include <fmt/format.h>

#include <algorithm>

#include "loopscope/sim/event_caption.hpp"
#include "panels.hpp"

namespace loopscope::ui {

namespace {

constexpr const char* unit_names[] = {"event", "task step", "loop iteration", "time advance"};
constexpr const char* unit_plurals[] = {"events", "task steps", "loop iterations", "time advances"};

bool transport_button(const char* label, const char* tooltip, float width = 0) {
    same_line_or_wrap(width > 0 ? width : ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2);
    bool clicked = ImGui::Button(label, {width, 0});
    probe_control(label);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tooltip);
    return clicked;
}

/// The scrub bar: positions 0..size along the width; click or drag to seek.
/// In reveal mode it shows no marks of what is still to come.
void draw_scrub_bar(app& a, float width) {
    auto& p = a.playback();
    ImVec2 min = ImGui::GetCursorScreenPos();
    float height = ImGui::GetFrameHeight();
    ImVec2 max{min.x + width, min.y + height};
    ImGui::InvisibleButton("##scrub", {width, height});
    probe_control("scrub");
    std::size_t size = std::max<std::size_t>(p.size(), 1);
    auto x_of = [&](std::size_t k) { return min.x + float(double(k) / double(size)) * width; };
    if (ImGui::IsItemActive()) {
        float f = std::clamp((ImGui::GetIO().MousePos.x - min.x) / width, 0.0f, 1.0f);
        a.seek(std::size_t(f * float(size) + 0.5f));
    }
    const bool hide_future = a.view.reveal_as_you_step;
    ImDrawList* d = ImGui::GetWindowDrawList();
    float mid = (min.y + max.y) / 2;
    d->AddRectFilled({min.x, mid - 3}, {max.x, mid + 3}, ImGui::GetColorU32(ImGuiCol_FrameBg), 3);
    d->AddRectFilled({min.x, mid - 3}, {x_of(a.position()), mid + 3}, ImGui::GetColorU32(ImGuiCol_SliderGrab), 3);
    ImU32 output_mark = ImGui::GetColorU32(ImGuiCol_Text, 0.55f);
    std::size_t outputs = hide_future ? p.outputs_before(a.position()) : p.outputs().size();
    for (std::size_t i = 0; i < outputs; ++i) {
        float x = x_of(p.outputs()[i] + 1);
        d->AddLine({x, min.y + 2}, {x, mid - 4}, output_mark, 1.5f);
    }
    ImU32 lint_mark = accent_colour(a.view.theme.dark);
    std::size_t lints = hide_future ? p.lints_before(a.position()) : p.lints().size();
    for (std::size_t i = 0; i < lints; ++i) {
        float x = x_of(p.lints()[i].event + 1);
        d->AddTriangleFilled({x, mid + 4}, {x - 5, max.y}, {x + 5, max.y}, lint_mark);
    }
    float x = x_of(a.position());
    d->AddCircleFilled({x, mid}, height * 0.32f, accent_colour(a.view.theme.dark));
    probe().rect("scrub", min, max);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Drag to scrub. Ticks above: printed lines; triangles below: lints.");
}

/// The step unit, the speed (which says what it means: so many steps of the
/// unit per second) and the real-time pace.
void draw_pace(app& a) {
    const float font = ImGui::GetFontSize();
    ImGui::SetNextItemWidth(font * 6.5f);
    int unit = int(a.unit);
    if (ImGui::Combo("##unit", &unit, unit_names, IM_ARRAYSIZE(unit_names))) a.unit = sim::step_unit(unit);
    probe_control("step unit");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("What one step (< and >, Left and Right) moves by");
    std::string pace = a.real_time ? std::string("real time")
                                   : fmt::format("{:g} {}/s", app::steps_per_second_at_1x * a.speed, unit_plurals[int(a.unit)]);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(font * 7.5f);
    ImGui::BeginDisabled(a.real_time);
    ImGui::SliderFloat("##speed", &a.speed, 0.25f, 16.0f, pace.c_str(), ImGuiSliderFlags_Logarithmic);
    ImGui::EndDisabled();
    probe_control("speed");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Playing speed: %s per second (1x is %g)", unit_plurals[int(a.unit)], app::steps_per_second_at_1x);
    ImGui::SameLine();
    ImGui::Checkbox("real time", &a.real_time);
    probe_control("real time");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play at the run's own pace: a virtual second takes a second");
}

float pace_width() {
    const ImGuiStyle& style = ImGui::GetStyle();
    return ImGui::GetFontSize() * 14 + ImGui::GetFrameHeight() + ImGui::CalcTextSize("real time").x +
           style.ItemSpacing.x * 4 + style.ItemInnerSpacing.x;
}

}  // namespace

void draw_play_menu(app& a) {
    if (!begin_menu("Play", "Play menu")) return;
    if (menu_item(a.playing() ? "Pause" : "Play", "Space")) a.toggle_play();
    if (menu_item("Step forward", "Right")) a.step_forward();
    if (menu_item("Step back", "Left")) a.step_back();
    if (menu_item("First", "Home")) a.first();
    if (menu_item("Last", "End")) a.last();
    ImGui::Separator();
    ImGui::TextDisabled("Step by");
    for (int i = 0; i < IM_ARRAYSIZE(unit_names); ++i) {
        if (menu_item(unit_names[i], nullptr, int(a.unit) == i)) a.unit = sim::step_unit(i);
    }
    ImGui::Separator();
    draw_pace(a);
    end_menu();
}

void draw_transport(app& a, float width) {
    const char* step = unit_names[int(a.unit)];
    if (ImGui::Button("|<")) a.first();
    probe_control("|<");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("First (Home)");
    if (transport_button(" < ", fmt::format("Step back one {} (Left)", step).c_str())) a.step_back();
    if (transport_button(a.playing() ? "Pause" : "Play", "Play / pause (Space)", ImGui::GetFontSize() * 4))
        a.toggle_play();
    if (transport_button(" > ", fmt::format("Step forward one {} (Right)", step).c_str())) a.step_forward();
    if (transport_button(">|", "Last (End)")) a.last();
    // The pace on this row when it fits; it is always in the Play menu.
    if (ImGui::GetContentRegionAvail().x - (ImGui::GetItemRectMax().x - ImGui::GetCursorScreenPos().x) > pace_width()) {
        ImGui::SameLine();
        draw_pace(a);
    }

    auto& p = a.playback();
    const std::size_t k = a.position();
    // Revealing as you step, the readout does not tell how many events are to come.
    const bool reveal = a.view.reveal_as_you_step;
    std::string events = reveal ? fmt::format("{}", k) : fmt::format("{} / {}", k, p.size());
    std::string readout = fmt::format("t = {:.3f} s  \xC2\xB7  iteration {}  \xC2\xB7  event {}", p.time_at(k),
                                      p.iteration_at(k), events);
    const float font = ImGui::GetFontSize(), spacing = ImGui::GetStyle().ItemSpacing.x;
    float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    float row_left = ImGui::GetItemRectMax().x + spacing;
    // The scrub bar and the readout follow on this row when there is room, else take the next.
    if (right - row_left < ImGui::CalcTextSize(readout.c_str()).x + font * 12) row_left = ImGui::GetCursorScreenPos().x;
    else ImGui::SameLine();
    if (right - row_left < ImGui::CalcTextSize(readout.c_str()).x + font * 8)
        readout = fmt::format("t={:.3f}  it {}  #{}", p.time_at(k), p.iteration_at(k), events);
    float readout_width = ImGui::CalcTextSize(readout.c_str()).x;
    draw_scrub_bar(a, std::max(right - row_left - readout_width - spacing, font * 4));
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(readout.c_str());
    probe().rect("readout", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    probe().rect(fmt::format("playhead_event:{}", k), ImGui::GetItemRectMin(), ImGui::GetItemRectMax());  // for scripts

    // What the event at the playhead did, in words. Its row keeps the height of
    // the tallest caption of this run seen at this width and text size, up to
    // two lines: the panels under it do not jump up and down as captions of one
    // and two lines alternate.
    std::string caption = sim::describe_event(p, a.position());
    const float wrap = width - ImGui::GetStyle().WindowPadding.x;
    ImGui::PushTextWrapPos(wrap);
    const ImVec2 at = ImGui::GetCursorPos();
    ImGui::TextUnformatted(caption.c_str());
    ImGui::PopTextWrapPos();
    probe().rect("caption", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    caption_room& room = a.caption;
    if (room.wrap != wrap || room.font != ImGui::GetFontSize()) room = {0, wrap, ImGui::GetFontSize()};
    const float height = ImGui::GetItemRectSize().y;
    const float two_lines = ImGui::GetTextLineHeightWithSpacing() + ImGui::GetTextLineHeight();
    room.height = std::max(room.height, std::min(height, two_lines));
    ImGui::SetCursorPos({at.x, at.y + std::max(room.height, height)});  // the Dummy adds the spacing
    ImGui::Dummy({0, 0});
}

}  // namespace loopscope::ui
