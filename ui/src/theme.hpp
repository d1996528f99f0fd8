#pragma once
// Colours and fonts. Presenter mode needs crisp text at any size, so fonts are
// TrueType (DejaVu, from Debian's fonts-dejavu-core) rasterised at the chosen
// size, never a scaled bitmap.
#include <imgui.h>

#include "loopscope/sim/task_status.hpp"

namespace loopscope::ui {

enum class palette_kind { standard, colour_blind_safe };

struct theme_options {
    bool dark = true;
    palette_kind palette = palette_kind::colour_blind_safe;
    float font_scale = 1.0f;  ///< 1× to 3×
};

/// The colour of a task status on the timeline and in the legend.
[[nodiscard]] ImU32 status_colour(sim::task_status s, palette_kind p);
/// A colour per task (its cursor in the source, its chips in the ready queue).
[[nodiscard]] ImU32 task_colour(std::uint32_t task_id);
/// Text that reads on top of `background`.
[[nodiscard]] ImU32 text_on(ImU32 background);
/// The accent for the playhead and highlights.
[[nodiscard]] ImU32 accent_colour(bool dark);

/// Applies the ImGui style for the theme (colours, rounding, spacing scaled with the font).
void apply_style(const theme_options& options);

/// Fonts at the current scale: body text and the monospaced listing font.
struct fonts {
    ImFont* body = nullptr;
    ImFont* mono = nullptr;
    bool from_ttf = false;  ///< false: DejaVu was not found and ImGui's built-in font is used
};
/// Rebuilds the font atlas for `scale` (call between frames, then recreate the GL texture).
fonts load_fonts(float scale);
/// The fonts of the last load_fonts.
const fonts& current_fonts();

/// Base text size in pixels at 1×.
inline constexpr float base_font_size = 17.0f;

}  // namespace loopscope::ui
