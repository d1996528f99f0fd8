// The event loop at the playhead: where the iteration is, what runs, the
// ready queue in order (as chips) and the timer heap by due time. What the
// event at the playhead changed is outlined in the accent colour.
#include <fmt/format.h>

#include "panels.hpp"

namespace loopscope::ui {

namespace {

/// A rounded label; wraps to the next line when the row is full.
void chip(const std::string& text, bool changed, bool dimmed, bool dark) {
    ImVec2 size = ImGui::CalcTextSize(text.c_str());
    ImVec2 pad{ImGui::GetFontSize() * 0.4f, ImGui::GetFontSize() * 0.15f};
    ImVec2 box{size.x + pad.x * 2, size.y + pad.y * 2};
    float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + box.x + ImGui::GetStyle().ItemSpacing.x < right) ImGui::SameLine();
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* d = ImGui::GetWindowDrawList();
    ImU32 fill = ImGui::GetColorU32(ImGuiCol_Button);
    d->AddRectFilled(at, {at.x + box.x, at.y + box.y}, fill, box.y / 2);
    if (changed) d->AddRect(at, {at.x + box.x, at.y + box.y}, accent_colour(dark), box.y / 2, 0, 2.5f);
    d->AddText({at.x + pad.x, at.y + pad.y}, ImGui::GetColorU32(dimmed ? ImGuiCol_TextDisabled : ImGuiCol_Text),
               text.c_str());
    ImGui::Dummy(box);
}

/// One step of the iteration, lit when the loop is in it.
void phase_step(const app& a, const std::string& text, bool current, bool first) {
    if (!first) {
        same_line_or_wrap(ImGui::CalcTextSize(" -> ").x + ImGui::CalcTextSize(text.c_str()).x);
        ImGui::TextDisabled("->");
        ImGui::SameLine();
    }
    if (current)
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(accent_colour(a.view.theme.dark)), "[%s]", text.c_str());
    else
        ImGui::TextDisabled("%s", text.c_str());
}

/// BaseEventLoop._run_once: compute the poll timeout (zero when something is
/// ready, else until the next timer, else forever), poll, move due timers to
/// the ready queue, run the handles that were ready when the batch began.
void phase_steps(app& a, const sim::loop_state& s, double now) {
    using sim::loop_phase;
    std::string poll;
    if (!s.ready.empty())
        poll = fmt::format("poll I/O, no wait ({} ready)", s.ready.size());
    else if (!s.timers.empty() && s.phase == sim::loop_phase::polling)
        poll = fmt::format("wait {:.3f} s for the next timer", std::max(0.0, s.timers.front().when - now));
    else if (!s.timers.empty())
        poll = "wait for the next timer";
    else
        poll = "wait for I/O (no timer)";
    phase_step(a, poll, s.phase == loop_phase::polling, true);
    phase_step(a, "due timers -> ready", s.phase == loop_phase::timers_due, false);
    phase_step(a, "run the ready batch", s.phase == loop_phase::running, false);
    if (s.phase == loop_phase::not_started) ImGui::TextDisabled("The loop has not started.");
    if (s.phase == loop_phase::between) ImGui::TextDisabled("The iteration is over; the next one starts.");
}

/// What the callback running under `handle` is: the text of its callback_begin.
std::string callback_text(app& a, std::uint32_t handle) {
    const auto& t = a.trace();
    for (std::size_t k = std::min(a.position(), t.size()); k-- > 0;)
        if (t[k].kind == sim::event_kind::callback_begin && t[k].handle == handle)
            return t[k].a ? std::string(t.strings[t[k].a]) : std::string("a callback");
    return "a callback";
}

}  // namespace

void draw_loop(app& a) {
    const auto& s = a.state();
    const auto& t = a.trace();
    auto& p = a.playback();
    const double now = p.time_at(a.position());
    const sim::event* last = a.position() > 0 ? &t[a.position() - 1] : nullptr;
    ImGui::PushTextWrapPos(0);
    phase_steps(a, s, now);
    if (s.running)
        ImGui::Text("Running: %s", lane_label(a, s.running).c_str());
    else if (s.running_callback)
        ImGui::Text("Running: %s (handle %u)", callback_text(a, s.running_callback).c_str(), s.running_callback);
    else
        ImGui::TextDisabled("Running: nothing");
    ImGui::PopTextWrapPos();
    probe().rect("running", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());

    ImGui::Separator();
    ImGui::Text("Ready queue (%zu), in the order they run", s.ready.size());
    if (s.ready.empty()) ImGui::TextDisabled("empty");
    bool scheduled_now = last && (last->kind == sim::event_kind::task_scheduled ||
                                  last->kind == sim::event_kind::callback_scheduled ||
                                  last->kind == sim::event_kind::timer_fired);
    int shown = 0;
    for (const auto& h : s.ready) {
        std::string text = h.task ? task_name(a, h.task) : std::string(t.strings[h.what]);
        if (text.empty()) text = "callback";
        if (h.armed_by) text += " \xE2\x86\x92 " + task_name(a, h.armed_by);  // the task the timer will wake
        bool changed = scheduled_now && last->handle == h.handle;
        chip(text, changed, h.cancelled, a.view.theme.dark);
        if (changed) probe().rect("changed:ready", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        if (ImGui::IsItemHovered()) {
            std::string why = h.what ? std::string(t.strings[h.what]) : std::string();
            ImGui::SetTooltip("%s%s%s%s", h.task ? lane_label(a, h.task).c_str() : "callback",
                              why.empty() ? "" : h.task ? "\nwoken by " : "\n", why.c_str(),
                              h.cancelled ? "\ncancelled: the loop will skip it" : "");
        }
        if (++shown == 64) {
            ImGui::TextDisabled("... and %zu more", s.ready.size() - 64);
            break;
        }
    }

    ImGui::Separator();
    ImGui::Text("Timers (%zu), by due time", s.timers.size());
    if (s.timers.empty()) ImGui::TextDisabled("none");
    shown = 0;
    const float font = ImGui::GetFontSize();
    for (const auto& timer : s.timers) {
        std::string what(t.strings[timer.what]);
        if (timer.armed_by) what += " \xE2\x86\x92 " + task_name(a, timer.armed_by);  // the task it will wake
        ImVec2 row = ImGui::GetCursorScreenPos();
        ImGui::Text("in %.3f s", timer.when - now);
        ImGui::SameLine(font * 6);
        ImGui::TextDisabled("t = %.3f", timer.when);
        ImGui::SameLine(font * 11);
        ImGui::TextUnformatted(what.c_str());
        if (last && last->kind == sim::event_kind::timer_armed && last->handle == timer.handle) {
            ImVec2 end{ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x, ImGui::GetItemRectMax().y};
            ImGui::GetWindowDrawList()->AddRect(row, end, accent_colour(a.view.theme.dark), 3, 0, 2.5f);
            probe().rect("changed:timer", row, end);
        }
        if (++shown == 64) {
            ImGui::TextDisabled("... and %zu more", s.timers.size() - 64);
            break;
        }
    }
}

}  // namespace loopscope::ui
