#pragma once
// Where the panels go. ImGui 1.86 has no docking, so the window lays them out
// itself: the timeline and the row under it (console, tasks) on the left, the
// event loop and the source (and in presenter layout the console) on the
// right. Borders between panels are splitters the user drags; the fractions
// they set live in panel_sizes. When the row under the timeline has no room
// left once every lane shows (large text on a small screen), its panels
// become tabs of the right column's last panel instead of squeezing the lanes.
// Computing the rectangles is pure arithmetic: tests check it for every
// window and font size without a display.
#include <imgui.h>

#include <optional>
#include <vector>

#include "app.hpp"

namespace loopscope::ui {

enum class panel_id { timeline, loop, source, console, tasks };

struct panel_rect {
    ImVec2 pos;
    ImVec2 size;
};

/// One window of the layout: a panel, or several as tabs.
struct placement {
    panel_rect rect;
    std::vector<panel_id> panels;
};

/// A border between two panels that can be dragged.
struct splitter {
    ImVec2 min, max;       ///< the strip that takes the mouse
    bool vertical = true;  ///< a vertical border moves along x
    float* fraction = nullptr;
    float origin = 0, extent = 1;  ///< the span the fraction is of, in pixels
    bool from_end = false;         ///< the fraction is measured from origin + extent backwards
    float low = 0, high = 1;       ///< the fraction's bounds that keep both panels at their minimum
};

struct panel_layout {
    std::vector<placement> placements;
    std::vector<splitter> splitters;
};

/// What the layout needs to know besides the view: the body's rectangle, the
/// height that shows every lane of the timeline, and the smallest useful panel.
struct layout_needs {
    ImVec2 origin, size;
    float timeline_wanted = 0;
    ImVec2 min_panel{120, 80};
    /// The Source panel is a program's editor: it heads the right column, with
    /// the larger share (source_height), the event loop under it.
    bool source_first = false;
};

/// Places the shown panels in the body. Every placement has a positive size
/// (at least min_panel, less only when the body is smaller than two of them).
/// An automatic timeline height (sizes.timeline_height < 0) fits every lane.
[[nodiscard]] panel_layout compute_layout(view_options& view, const layout_needs& needs);

/// Draws the splitters on top of the panels and moves a border being dragged.
/// Returns true when a drag ended (the sizes are worth saving).
bool draw_splitters(const panel_layout& layout);

}  // namespace loopscope::ui
