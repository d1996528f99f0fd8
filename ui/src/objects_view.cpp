// The asyncio objects of a recorded program at the playhead, in the Tasks
// panel: each object's state ("Queue queue: 2 items: ['a', 'b']") and, under
// it, the tasks waiting on it grouped by what they wait in (the await graph:
// "Task-2, Task-3 wait in queue.get"). A task's name is a button that selects
// it; a lock's holder and a task object's own task are too.
#include <fmt/format.h>

#include <algorithm>

#include "panels.hpp"

namespace loopscope::ui {

namespace {

/// A task's name as a small button that selects it, on this row when it fits.
void task_button(app& a, task_id id, const std::string& control) {
    const std::string name = task_name(a, id);
    same_line_or_wrap(ImGui::CalcTextSize(name.c_str()).x + ImGui::GetStyle().FramePadding.x * 2);
    ImGui::PushID(control.c_str());
    if (ImGui::SmallButton(name.c_str())) a.selected_task = id;
    ImGui::PopID();
    probe_control(control, id);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Select %s", name.c_str());
}

/// The waiters of one object, a row for each thing they wait in ("waiting in queue.get: Task-2 Task-3"),
/// each in the order they began to wait.
void draw_waiters(app& a, const sim::playback::object_at& o) {
    const auto& tasks = a.state().tasks;
    std::vector<sim::string_id> places;
    for (task_id w : o.waiters)
        if (std::find(places.begin(), places.end(), tasks[w - 1].detail) == places.end())
            places.push_back(tasks[w - 1].detail);
    ImGui::Indent();
    for (sim::string_id place : places) {
        ImGui::TextDisabled("waiting in %s:", std::string(a.trace().strings[place]).c_str());
        for (task_id w : o.waiters)
            if (tasks[w - 1].detail == place) task_button(a, w, fmt::format("object {} waiter", o.number));
    }
    ImGui::Unindent();
}

}  // namespace

void draw_asyncio_objects(app& a) {
    const auto objects = a.playback().objects_at(a.position());
    if (objects.empty()) return;
    const auto& t = a.trace();
    std::size_t rows = 1;
    for (const auto& o : objects) rows += 1 + (o.waiters.empty() ? 0 : 1);
    // At most a few rows' height, scrolling: the task table under it keeps the panel.
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float height = std::min(float(rows), 7.0f) * (line + ImGui::GetStyle().ItemSpacing.y) + line * 0.5f;
    ImGui::BeginChild("##objects", {0, height});
    ImGui::TextDisabled("asyncio objects (%zu) and who waits on them", objects.size());
    for (const auto& o : objects) {
        ImGui::PushID(int(o.number));
        const ImVec2 top = ImGui::GetCursorScreenPos();
        const std::string_view label = t.strings[o.view.label];
        ImGui::TextUnformatted(label.data(), label.data() + label.size());
        const bool task = o.view.kind == object_kind::task && o.view.holder;
        if (task) task_button(a, o.view.holder, fmt::format("object {} task", o.number));  // "Task a [Task-2]"
        ImGui::SameLine();
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("%s", std::string(t.strings[o.view.state]).c_str());
        ImGui::PopTextWrapPos();
        if (o.view.holder && !task) {  // a lock's owner
            ImGui::SameLine();
            ImGui::TextDisabled("by");
            task_button(a, o.view.holder, fmt::format("object {} holder", o.number));
        }
        draw_waiters(a, o);
        probe().rect(fmt::format("object:{}", o.number), top,
                     {top.x + ImGui::GetContentRegionAvail().x, ImGui::GetCursorScreenPos().y});
        ImGui::PopID();
    }
    ImGui::EndChild();
}

}  // namespace loopscope::ui
