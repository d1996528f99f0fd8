// What the program printed up to the playhead, each line with its virtual
// time and task; a click on a line moves the playhead to the print.
#include <fmt/format.h>

#include "panels.hpp"

namespace loopscope::ui {

void draw_console_panel(app& a, panel_rect r) {
    if (!begin_panel("Console", r)) {
        ImGui::End();
        return;
    }
    const auto& t = a.trace();
    auto& p = a.playback();
    std::size_t printed = p.outputs_before(a.position());
    std::size_t shown = a.view.reveal_as_you_step ? printed : p.outputs().size();
    ImGui::PushFont(current_fonts().mono);
    if (ImGui::BeginTable("##output", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("time");
        ImGui::TableSetupColumn("task");
        ImGui::TableSetupColumn("output", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(int(shown));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                std::uint32_t k = p.outputs()[std::size_t(i)];
                const auto& e = t[k];
                bool future = std::size_t(i) >= printed;
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                if (future) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
                std::string time = fmt::format("t={:.3f}", t.time_at(k));
                if (ImGui::Selectable(time.c_str(), std::size_t(i) + 1 == printed, ImGuiSelectableFlags_SpanAllColumns))
                    a.seek(k + 1);
                ImGui::TableNextColumn();
                if (e.task)
                    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(task_colour(e.task)), "Task-%u", e.task);
                else
                    ImGui::TextUnformatted("loop");
                ImGui::TableNextColumn();
                std::string_view text = t.strings[e.a];
                ImGui::TextUnformatted(text.data(), text.data() + text.size());
                if (future) ImGui::PopStyleColor();
            }
        }
        if (a.playing() && printed > 0) ImGui::SetScrollY(ImGui::GetTextLineHeightWithSpacing() * float(printed) - ImGui::GetWindowHeight() * 0.7f);
        ImGui::EndTable();
    }
    ImGui::PopFont();
    ImGui::End();
}

}  // namespace loopscope::ui
