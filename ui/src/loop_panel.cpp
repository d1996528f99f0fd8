// The event loop at the playhead: the phase of the iteration, the running
// task, the ready queue in order (as chips) and the timer heap by due time.
#include <fmt/format.h>

#include "panels.hpp"

namespace loopscope::ui {

namespace {

/// A rounded label in a colour; wraps to the next line when the row is full.
void chip(const std::string& text, ImU32 colour, bool dimmed) {
    ImVec2 size = ImGui::CalcTextSize(text.c_str());
    ImVec2 pad{ImGui::GetFontSize() * 0.4f, ImGui::GetFontSize() * 0.15f};
    ImVec2 box{size.x + pad.x * 2, size.y + pad.y * 2};
    float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + box.x + ImGui::GetStyle().ItemSpacing.x < right) ImGui::SameLine();
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* d = ImGui::GetWindowDrawList();
    d->AddRectFilled(at, {at.x + box.x, at.y + box.y}, dimmed ? (colour & 0x60ffffff) : colour, box.y / 2);
    d->AddText({at.x + pad.x, at.y + pad.y}, text_on(colour), text.c_str());
    ImGui::Dummy(box);
}

void phase_steps(const app& a, sim::loop_phase phase) {
    using sim::loop_phase;
    const char* names[] = {"wait for the next timer", "timers due -> ready", "run the ready batch"};
    int current = phase == loop_phase::polling ? 0 : phase == loop_phase::timers_due ? 1 : phase == loop_phase::running ? 2 : -1;
    for (int i = 0; i < 3; ++i) {
        if (i) {
            ImGui::SameLine();
            ImGui::TextDisabled("->");
            ImGui::SameLine();
        }
        if (i == current)
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(accent_colour(a.view.theme.dark)), "[%s]", names[i]);
        else
            ImGui::TextDisabled("%s", names[i]);
    }
}

}  // namespace

void draw_loop_panel(app& a, panel_rect r) {
    if (!begin_panel("Event loop", r)) {
        ImGui::End();
        return;
    }
    const auto& s = a.state();
    const auto& t = a.trace();
    auto& p = a.playback();
    phase_steps(a, s.phase);
    if (s.running)
        ImGui::Text("Running: %s", lane_label(a, s.running).c_str());
    else if (s.running_callback)
        ImGui::Text("Running: a callback (handle %u)", s.running_callback);
    else
        ImGui::TextDisabled("Running: nothing (%.*s)", int(to_string(s.phase).size()), to_string(s.phase).data());
    probe().rect("running", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());

    ImGui::Separator();
    ImGui::Text("Ready queue (%zu)", s.ready.size());
    if (s.ready.empty()) ImGui::TextDisabled("empty");
    int shown = 0;
    for (const auto& h : s.ready) {
        std::string text = h.task ? fmt::format("Task-{}", h.task) : std::string(t.strings[h.what]);
        if (text.empty()) text = "callback";
        if (h.armed_by) text += fmt::format(" \xE2\x86\x92 Task-{}", h.armed_by);
        chip(text, h.task ? task_colour(h.task) : ImGui::GetColorU32(ImGuiCol_Button), h.cancelled);
        if (ImGui::IsItemHovered()) {
            std::string why = h.what ? std::string(t.strings[h.what]) : std::string();
            ImGui::SetTooltip("%s%s%s", h.task ? lane_label(a, h.task).c_str() : "callback",
                              why.empty() ? "" : h.task ? "\nwoken by " : "\n", why.c_str());
        }
        if (++shown == 64) {
            ImGui::TextDisabled("... and %zu more", s.ready.size() - 64);
            break;
        }
    }

    ImGui::Separator();
    ImGui::Text("Timers (%zu), by due time", s.timers.size());
    if (s.timers.empty()) ImGui::TextDisabled("none");
    double now = p.time_at(a.position());
    shown = 0;
    for (const auto& timer : s.timers) {
        std::string what(t.strings[timer.what]);
        if (timer.armed_by) what += fmt::format(" \xE2\x86\x92 Task-{}", timer.armed_by);  // the task it will wake
        ImGui::Text("in %.3f s", timer.when - now);
        ImGui::SameLine(ImGui::GetFontSize() * 6);
        ImGui::TextDisabled("t = %.3f", timer.when);
        ImGui::SameLine(ImGui::GetFontSize() * 11);
        ImGui::TextUnformatted(what.c_str());
        if (++shown == 64) {
            ImGui::TextDisabled("... and %zu more", s.timers.size() - 64);
            break;
        }
    }
    ImGui::End();
}

}  // namespace loopscope::ui
