#include "theme.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
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

namespace {

double channel(unsigned c) {
    double v = c / 255.0;
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

double luminance(ImU32 c) {
    return 0.2126 * channel(c & 0xff) + 0.7152 * channel((c >> 8) & 0xff) + 0.0722 * channel((c >> 16) & 0xff);
}

/// `c` moved towards `target` by t (0..1), opaque.
ImU32 mix(ImU32 c, ImU32 target, double t) {
    auto part = [&](int shift) {
        double from = (c >> shift) & 0xff, to = (target >> shift) & 0xff;
        return unsigned(std::lround(from + (to - from) * t));
    };
    return rgb(part(0), part(8), part(16));
}

/// `colour` darkened (or lightened) just enough to read at 4.5:1 on `background`.
ImU32 readable_on(ImU32 colour, ImU32 background) {
    ImU32 towards = luminance(background) > 0.5 ? rgb(0, 0, 0) : rgb(255, 255, 255);
    for (double t = 0; t <= 1.0; t += 0.02) {
        ImU32 c = mix(colour, towards, t);
        if (contrast_ratio(c, background) >= 4.6) return c;
    }
    return towards;
}

ImU32 opaque(const ImVec4& c, const ImVec4& under) {
    auto blend = [&](float x, float y) { return unsigned(std::lround((x * c.w + y * (1 - c.w)) * 255)); };
    return rgb(blend(c.x, under.x), blend(c.y, under.y), blend(c.z, under.z));
}

}  // namespace

double contrast_ratio(ImU32 a, ImU32 b) {
    double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

ImU32 text_on(ImU32 background) {
    ImU32 black = rgb(0, 0, 0), white = rgb(255, 255, 255);
    return contrast_ratio(black, background) >= contrast_ratio(white, background) ? black : white;
}

ImU32 accent_colour(bool dark) { return dark ? rgb(255, 90, 90) : rgb(200, 20, 20); }

ImU32 status_text_colour(sim::task_status s, const theme_options& theme) {
    return readable_on(status_colour(s, theme.palette), ImGui::GetColorU32(ImGuiCol_WindowBg));
}

std::vector<text_pairing> text_pairings(const theme_options& theme) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec4 window = style.Colors[ImGuiCol_WindowBg];
    std::vector<text_pairing> out;
    auto on = [&](ImGuiCol bg) { return opaque(style.Colors[bg], window); };
    const std::pair<ImGuiCol, const char*> backgrounds[] = {
        {ImGuiCol_WindowBg, "WindowBg"},   {ImGuiCol_PopupBg, "PopupBg"},         {ImGuiCol_MenuBarBg, "MenuBarBg"},
        {ImGuiCol_FrameBg, "FrameBg"},     {ImGuiCol_Button, "Button"},           {ImGuiCol_ButtonHovered, "ButtonHovered"},
        {ImGuiCol_Header, "Header"},       {ImGuiCol_HeaderHovered, "HeaderHovered"},
        {ImGuiCol_TableRowBgAlt, "TableRowBgAlt"}, {ImGuiCol_TableHeaderBg, "TableHeaderBg"},
        {ImGuiCol_TitleBg, "TitleBg"},     {ImGuiCol_TitleBgActive, "TitleBgActive"}, {ImGuiCol_Tab, "Tab"},
        {ImGuiCol_TabActive, "TabActive"}};
    for (auto [bg, name] : backgrounds) {
        out.push_back({fmt::format("Text on {}", name), ImGui::GetColorU32(ImGuiCol_Text), on(bg)});
        out.push_back({fmt::format("TextDisabled on {}", name), ImGui::GetColorU32(ImGuiCol_TextDisabled), on(bg)});
    }
    const ImU32 window_bg = opaque(window, window), alt_row = on(ImGuiCol_TableRowBgAlt);
    out.push_back({"accent on WindowBg", accent_colour(theme.dark), window_bg});
    for (int i = 0; i < sim::task_status_count; ++i) {
        auto s = sim::task_status(i);
        std::string name(sim::to_string(s));
        ImU32 fill = status_colour(s, theme.palette);
        out.push_back({fmt::format("label on a {} segment", name), text_on(fill), fill});
        out.push_back({fmt::format("{} as text on WindowBg", name), status_text_colour(s, theme), window_bg});
        out.push_back({fmt::format("{} as text on TableRowBgAlt", name), status_text_colour(s, theme), alt_row});
    }
    return out;
}

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
    // ImGui's greyed text is below 4.5:1 on its own frames (dark) and on the
    // window (light, 2.5:1): greys that read.
    style.Colors[ImGuiCol_TextDisabled] = options.dark ? ImVec4(0.68f, 0.68f, 0.68f, 1) : ImVec4(0.33f, 0.33f, 0.33f, 1);
    // Paddings and spacing grow at half the text's rate: at 3x the text must
    // be large, the gaps need not, and every line of a projector counts.
    style.ScaleAllSizes(1 + (options.font_scale - 1) * 0.5f);
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
