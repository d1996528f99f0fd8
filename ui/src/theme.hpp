#pragma once
// Colours and fonts. Presenter mode needs crisp text at any size, so fonts are
// TrueType (DejaVu, from Debian's fonts-dejavu-core) rasterised at the chosen
// size, never a scaled bitmap.
#include <imgui.h>

#include <string>
#include <vector>

#include "loopscope/sim/task_status.hpp"
#include "python_syntax.hpp"

namespace loopscope::ui {

enum class palette_kind { standard, colour_blind_safe };

struct theme_options {
    bool dark = true;
    palette_kind palette = palette_kind::colour_blind_safe;
    float font_scale = 1.0f;  ///< 1× to 3×
    friend bool operator==(const theme_options&, const theme_options&) = default;
};

// Colour means state, and only state: a task is known by its name and number
// ("Task-3", a cursor marked 3), never by a colour, so that a green chip
// cannot be read as "done". Every text is at least 4.5:1 against what it is
// drawn on (WCAG AA), in both themes.

/// The colour of a task status on the timeline and in the legend.
[[nodiscard]] ImU32 status_colour(sim::task_status s, palette_kind p);
/// A status colour as text on the window (darkened or lightened to 4.5:1).
[[nodiscard]] ImU32 status_text_colour(sim::task_status s, const theme_options& theme);
/// Text that reads on top of `background` (black or white, whichever contrasts more).
[[nodiscard]] ImU32 text_on(ImU32 background);
/// The accent for the playhead and highlights (readable as text on the window).
[[nodiscard]] ImU32 accent_colour(bool dark);

/// The colour of a kind of Python text in a listing (readable on the listing's
/// background, its running line and its selection).
[[nodiscard]] ImU32 syntax_colour(syntax_kind kind, const theme_options& theme);

/// WCAG 2 contrast ratio of two opaque colours (1 to 21).
[[nodiscard]] double contrast_ratio(ImU32 a, ImU32 b);

/// One text colour on one background, as the window draws it.
struct text_pairing {
    std::string what;  ///< "TextDisabled on FrameBg"
    ImU32 text, background;
};
/// Every pairing of text and background the panels use with the style in
/// effect (call apply_style first). Semi-transparent backgrounds are blended
/// over the window's background, as they appear on screen.
[[nodiscard]] std::vector<text_pairing> text_pairings(const theme_options& theme);

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
