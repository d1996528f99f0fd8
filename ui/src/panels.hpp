#pragma once
// The window's panels, one file each. Each draws into the rectangle it is
// given (the window lays them out; ImGui 1.86 has no docking).
#include <imgui.h>

#include "app.hpp"
#include "layout_probe.hpp"

namespace loopscope::ui {

struct panel_rect {
    ImVec2 pos;
    ImVec2 size;
};

/// Menu bar, scenario picker, explanation and parameter widgets. Returns its height.
float draw_scenario_bar(app& a, float width);
/// Transport buttons, granularity, speed, scrub bar with markers, readout. Returns its height.
float draw_playback_bar(app& a, ImVec2 pos, float width);
void draw_timeline_panel(app& a, panel_rect r);
void draw_loop_panel(app& a, panel_rect r);
void draw_source_panel(app& a, panel_rect r);
void draw_console_panel(app& a, panel_rect r);
void draw_tasks_panel(app& a, panel_rect r);

/// Begins a fixed panel window at r (no move, no resize); call ImGui::End() after.
bool begin_panel(const char* title, panel_rect r);

/// "Task-2 countdown('A', 3)" as shown on lanes and chips.
std::string lane_label(const app& a, task_id id);

}  // namespace loopscope::ui
