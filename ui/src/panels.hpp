#pragma once
// The window's panels, one file each. Each draws its contents into the
// current ImGui window: the window lays them out (panel_layout.hpp; ImGui
// 1.86 has no docking), alone in a window or as tabs of one.
#include <imgui.h>

#include "app.hpp"
#include "layout_probe.hpp"
#include "panel_layout.hpp"

namespace loopscope::ui {

/// The main menu bar (File, View, Play, Scenario, what is shown, the status). Returns its height.
float draw_menu_bar(app& a);
/// The scenario's parameter widgets and what to watch for (when there is room), in the current window.
void draw_scenario_row(app& a, float width);
/// Transport buttons, step unit, pace, scrub bar with markers, readout, and
/// the caption that says what the event at the playhead did, in the current window.
void draw_transport(app& a, float width);
/// The Play menu: transport, the step unit and the pace (for when the transport row has no room for them).
void draw_play_menu(app& a);
/// The height that shows every lane of the timeline (its ruler included).
[[nodiscard]] float timeline_wanted_height(const app& a);
void draw_timeline(app& a);
void draw_loop(app& a);
void draw_source(app& a);
void draw_console(app& a);
void draw_tasks(app& a);
/// A recorded program's asyncio objects at the playhead and the tasks waiting on each (in the Tasks panel).
void draw_asyncio_objects(app& a);

/// The panel's title and what draws it.
[[nodiscard]] const char* panel_title(panel_id panel);
void draw_panel_contents(app& a, panel_id panel);

/// Records the item just drawn as a clickable control for --layout:
/// `button:<label>`, or `button:<label>:<task>` for one that acts on a task.
/// An ImGui id suffix ("##scrub") is left out of the label.
void probe_control(std::string_view label, task_id task = 0);

/// ImGui::BeginMenu, its title recorded for --layout as button:<name> (default: the label), open or not;
/// an open one is ended with end_menu.
bool begin_menu(const char* label, const char* name = nullptr);
/// ImGui::EndMenu for a begin_menu that returned true.
void end_menu();
/// ImGui::MenuItem, recorded for --layout as button:<label>.
bool menu_item(const char* label, const char* shortcut = nullptr, bool selected = false);

/// "Task-2 countdown('A', 3)" as shown on lanes.
std::string lane_label(const app& a, task_id id);
/// "Task-2", or "Task-2 worker0" for a named task: the one short label everywhere else.
std::string task_name(const app& a, task_id id);

/// A trace text (a result, an exception) as the listing speaks: Python's words for a scenario.
std::string shown_text(const app& a, std::uint32_t text);

/// A selectable row as tall as `text` wrapped to the panel's width, drawn in
/// the current text colour. Returns true when clicked.
bool wrapped_selectable(const std::string& text, bool selected);

/// Starts the next item on this row when `width` more pixels fit, else on the next one.
void same_line_or_wrap(float width);

}  // namespace loopscope::ui
