#pragma once
// The GLFW window: the frame loop, the panel layout, keys, drag and drop,
// path prompts for the File menu, error popups and PNG export.
#include <filesystem>
#include <optional>

#include "app.hpp"

namespace loopscope::ui {

/// How often the window looks whether a program's child is done while it
/// runs (it sleeps otherwise): a re-run shows at most this much late.
inline constexpr double program_poll_seconds = 0.02;

struct window_options {
    int width = 1600;
    int height = 900;
    /// Render a few frames, write the window to this PNG, and exit.
    std::optional<std::filesystem::path> screenshot;
    /// With screenshot: only the timeline panel.
    bool timeline_only = false;
    /// Write where things were drawn (see layout_probe.hpp): after the
    /// screenshot, or in a live window each time it changes.
    std::optional<std::filesystem::path> layout;
};

/// True when a window can be opened (an X11 or Wayland display is set).
[[nodiscard]] bool display_available();

/// Lays out and draws every panel for one ImGui frame (between NewFrame and
/// Render). Returns true when the user finished dragging a border.
bool draw_frame(app& a);

/// Opens the window and runs until it is closed (or the screenshot is written).
/// Returns the process exit status.
int run_window(app& a, const window_options& options);

}  // namespace loopscope::ui
