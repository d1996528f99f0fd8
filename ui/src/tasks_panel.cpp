// Every task at the playhead (id, name, status, awaiting, result, parent,
// where created) with a what-if "cancel here" button, and the lints so far,
// each a link to its event.
#include <fmt/format.h>

#include "panels.hpp"

namespace loopscope::ui {

namespace {

void draw_task_table(app& a) {
    const auto& t = a.trace();
    const auto& state = a.state();
    auto& p = a.playback();
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                            ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
    float height = ImGui::GetContentRegionAvail().y * 0.68f;
    if (!ImGui::BeginTable("##tasks", 7, flags, {0, height})) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("task");
    ImGui::TableSetupColumn("coroutine");
    ImGui::TableSetupColumn("state");
    ImGui::TableSetupColumn("awaiting / result");
    ImGui::TableSetupColumn("parent");
    ImGui::TableSetupColumn("created at");
    ImGui::TableSetupColumn("what-if");
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(int(state.tasks.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            auto id = task_id(i + 1);
            const auto& view = state.tasks[std::size_t(i)];
            const auto* record = t.find_task(id);
            ImGui::PushID(i);
            ImGui::TableNextRow();
            if (id == a.selected_task)
                ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(ImGuiCol_Header));
            ImGui::TableNextColumn();
            std::string_view name = t.strings[view.name ? view.name : record ? record->name : 0];
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(task_colour(id)), "%.*s", int(name.size()), name.data());
            ImGui::TableNextColumn();
            if (record) ImGui::TextUnformatted(t.strings[record->coroutine].data(), t.strings[record->coroutine].data() + t.strings[record->coroutine].size());
            ImGui::TableNextColumn();
            std::string_view status = sim::to_string(view.state);
            ImU32 colour = status_colour(view.state, a.view.theme.palette);
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colour), "%.*s%s", int(status.size()), status.data(),
                               view.cancel_requested && !sim::is_terminal(view.state) ? " (cancelling)" : "");
            ImGui::TableNextColumn();
            if (view.detail && view.state != sim::task_status::running && view.state != sim::task_status::scheduled) {
                std::string_view detail = t.strings[view.detail];
                ImGui::TextUnformatted(detail.data(), detail.data() + detail.size());
            }
            ImGui::TableNextColumn();
            if (record && record->parent) ImGui::Text("Task-%u", record->parent);
            ImGui::TableNextColumn();
            if (record) {
                sim::creation_site site = p.created_from(id);
                std::uint32_t py = p.python_line(site.at), cc = p.cpp_line(site.at);
                std::string through = site.through ? fmt::format(", in {}", t.strings[site.through]) : "";
                if (py) {
                    ImGui::Text("line %u%s", py, through.c_str());
                    if (ImGui::IsItemHovered()) ImGui::SetTooltip("C++ listing: line %u", cc);
                } else if (cc) {
                    ImGui::Text("C++ line %u%s", cc, through.c_str());
                } else if (!record->parent && !t.origin.scenario.empty()) {
                    ImGui::TextDisabled("asyncio.run()");  // the scenario's main task
                } else if (site.at) {
                    const sim::location& at = t.locations[site.at];
                    std::string file(t.strings[at.file]);
                    ImGui::TextDisabled("%s:%u%s", file.substr(file.rfind('/') + 1).c_str(), at.line, through.c_str());
                }
            }
            ImGui::TableNextColumn();
            if (a.scenario() && !sim::is_terminal(view.state) && ImGui::SmallButton("cancel here"))
                a.cancel_at_playhead(id);
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("What if this task were cancelled now? Re-runs the scenario with task.cancel() "
                                  "posted to the loop at this event.");
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

void draw_lints(app& a) {
    auto& p = a.playback();
    const auto& t = a.trace();
    std::size_t so_far = p.lints_before(a.position());
    std::size_t shown = a.view.reveal_as_you_step ? so_far : p.lints().size();
    ImGui::Text("Lints (%zu so far, %zu in the run)", so_far, p.lints().size());
    if (p.lints().empty()) ImGui::TextDisabled("none: no forgotten await, no blocking call, no deadlock");
    ImGui::BeginChild("##lints");
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& l = p.lints()[i];
        std::string_view kind = sim::to_string(l.kind);
        std::string label = fmt::format("t={:.3f}  {}: {}##lint{}", t.time_at(l.event), kind, l.message, i);
        if (i >= so_far) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
        if (ImGui::Selectable(label.c_str(), false)) a.seek(l.event + 1);
        if (i >= so_far) ImGui::PopStyleColor();
    }
    ImGui::EndChild();
}

}  // namespace

void draw_tasks_panel(app& a, panel_rect r) {
    if (!begin_panel("Tasks", r)) {
        ImGui::End();
        return;
    }
    draw_task_table(a);
    draw_lints(a);
    ImGui::End();
}

}  // namespace loopscope::ui
