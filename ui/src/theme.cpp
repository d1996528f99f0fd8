#include "theme.hpp"

#include <filesystem>

namespace loopscope::ui {

namespace {

constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b) { return IM_COL32(r, g, b, 255); }

}  // namespace

ImU32 status_colour(sim::task_status s, palette_kind p) {
    using sim::task_status;
    if (p == palette_kind::colour_blind_safe) {
        // Okabe & Ito's palette: distinguishable with every common colour vision deficiency.
        switch (s) {
            case task_status::created: return rgb(153, 153, 153);
            case task_status::scheduled: return rgb(240, 228, 66);
            case task_status::running: return rgb(230, 159, 0);
            case task_status::waiting: return rgb(86, 180, 233);
            case task_status::done: return rgb(0, 158, 115);
            case task_status::cancelled: return rgb(204, 121, 167);
            case task_status::failed: return rgb(213, 94, 0);
        }
    }
    switch (s) {
        case task_status::created: return rgb(140, 140, 140);
        case task_status::scheduled: return rgb(250, 200, 60);
        case task_status::running: return rgb(70, 200, 90);
        case task_status::waiting: return rgb(90, 140, 230);
        case task_status::done: return rgb(40, 110, 60);
        case task_status::cancelled: return rgb(170, 90, 200);
        case task_status::failed: return rgb(220, 50, 50);
    }
    return rgb(255, 0, 255);
}

ImU32 task_colour(std::uint32_t task_id) {
    static constexpr ImU32 colours[] = {rgb(0, 114, 178),   rgb(230, 159, 0),  rgb(0, 158, 115),
                                        rgb(204, 121, 167), rgb(213, 94, 0),   rgb(86, 180, 233),
                                        rgb(170, 170, 40),  rgb(120, 120, 220)};
    return colours[(task_id + 7) % 8];
}

ImU32 text_on(ImU32 background) {
    unsigned r = background & 0xff, g = (background >> 8) & 0xff, b = (background >> 16) & 0xff;
    return 299 * r + 587 * g + 114 * b > 140000 ? rgb(20, 20, 20) : rgb(245, 245, 245);
}

ImU32 accent_colour(bool dark) { return dark ? rgb(255, 80, 80) : rgb(210, 30, 30); }

void apply_style(const theme_options& options) {
    ImGuiStyle style;
    if (options.dark)
        ImGui::StyleColorsDark(&style);
    else
        ImGui::StyleColorsLight(&style);
    style.WindowRounding = 4;
    style.FrameRounding = 3;
    style.ChildRounding = 3;
    style.WindowBorderSize = 1;
    style.ScaleAllSizes(options.font_scale);
    ImGui::GetStyle() = style;
}

namespace {
fonts g_fonts;
}  // namespace

const fonts& current_fonts() { return g_fonts; }

fonts load_fonts(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    const std::filesystem::path dir = "/usr/share/fonts/truetype/dejavu";
    fonts f;
    float size = base_font_size * scale;
    if (std::filesystem::exists(dir / "DejaVuSans.ttf") && std::filesystem::exists(dir / "DejaVuSansMono.ttf")) {
        static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2190, 0x21FF, 0x2022, 0x2026, 0x25A0, 0x25FF, 0};
        f.body = io.Fonts->AddFontFromFileTTF((dir / "DejaVuSans.ttf").c_str(), size, nullptr, ranges);
        f.mono = io.Fonts->AddFontFromFileTTF((dir / "DejaVuSansMono.ttf").c_str(), size, nullptr, ranges);
        f.from_ttf = f.body && f.mono;
    }
    if (!f.from_ttf) {
        io.Fonts->Clear();
        ImFontConfig config;
        config.SizePixels = size;
        f.body = f.mono = io.Fonts->AddFontDefault(&config);
    }
    g_fonts = f;
    return f;
}

}  // namespace loopscope::ui
