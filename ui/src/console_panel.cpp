// What the program printed up to the playhead, one row per line: its virtual
// time, its task and the text, wrapped to the panel. A click on a row moves
// the playhead to the print. The console follows the playhead: the latest
// printed line is in view and lit. A recorded program's stderr follows, whole.
#include <fmt/format.h>

#include "panels.hpp"

namespace loopscope::ui {

namespace {

// Wrapped rows have different heights, which ImGui's list clipper cannot
// skip over: up to this many lines are all laid out and wrapped; beyond, one
// row per line, clipped to the visible ones.
constexpr std::size_t wrapped_lines_limit = 2000;

}  // namespace

void draw_console(app& a) {
    const auto& t = a.trace();
    auto& p = a.playback();
    std::size_t printed = p.outputs_before(a.position());
    std::size_t shown = a.view.reveal_as_you_step ? printed : p.outputs().size();
    if (shown == 0 && t.origin.program.errors.empty())
        ImGui::TextDisabled(p.outputs().empty() ? "Nothing is printed in this run." : "Nothing printed yet.");
    const bool wrap = shown <= wrapped_lines_limit;
    // Bring the latest printed line into view when the playhead moved.
    static std::size_t followed_position = SIZE_MAX;
    const bool follow = followed_position != a.position();
    followed_position = a.position();
    const sim::event* last = a.position() > 0 ? &t[a.position() - 1] : nullptr;
    const bool printed_now = last && last->kind == sim::event_kind::output;
    ImGui::PushFont(current_fonts().mono);
    ImGui::BeginChild("##output");
    auto row = [&](int i) {
        std::uint32_t k = p.outputs()[std::size_t(i)];
        const auto& e = t[k];
        bool future = std::size_t(i) >= printed;
        bool latest = std::size_t(i) + 1 == printed;
        std::string who = e.task ? task_name(a, e.task) : std::string("loop");
        std::string line = fmt::format("{:.3f} {}  {}", t.time_at(k), who, t.strings[e.a]);
        ImGui::PushID(i);  // lines printed at the same instant look alike
        if (future) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
        if (latest && printed_now) ImGui::PushStyleColor(ImGuiCol_Header, ImGui::GetColorU32(ImGuiCol_HeaderActive));
        bool clicked = wrap ? wrapped_selectable(line, latest) : ImGui::Selectable(line.c_str(), latest);
        if (latest && printed_now) ImGui::PopStyleColor();
        if (future) ImGui::PopStyleColor();
        if (clicked) a.seek(k + 1);
        probe_control(fmt::format("console line {}", i + 1));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("t = %.3f s, %s: click to move the playhead to this print",
                                                      t.time_at(k), lane_label(a, e.task).c_str());
        if (latest) {
            probe().rect("console:latest", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
            if (follow && !ImGui::IsItemVisible()) ImGui::SetScrollHereY(0.8f);
        }
        ImGui::PopID();
    };
    if (wrap) {
        for (int i = 0; i < int(shown); ++i) row(i);
    } else {
        ImGuiListClipper clipper;
        clipper.Begin(int(shown), ImGui::GetTextLineHeightWithSpacing());
        if (printed > 0) clipper.ForceDisplayRangeByIndices(int(printed) - 1, int(printed));
        while (clipper.Step())
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) row(i);
    }
    if (const std::string& errors = t.origin.program.errors; !errors.empty()) {
        // What the program wrote on stderr (a traceback, a warning): not tied to an event, shown whole.
        ImGui::Separator();
        ImGui::TextDisabled("stderr:");
        ImGui::PushStyleColor(ImGuiCol_Text, status_text_colour(sim::task_status::failed, a.view.theme));
        ImGui::TextWrapped("%s", errors.c_str());
        ImGui::PopStyleColor();
        probe().rect("console:stderr", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    }
    ImGui::EndChild();
    ImGui::PopFont();
}

}  // namespace loopscope::ui
