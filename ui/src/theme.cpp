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

/// `colour` lightened (dark theme) or darkened just enough to read at 4.5:1 on each background.
ImU32 readable_on(ImU32 colour, const std::vector<ImU32>& backgrounds, bool dark) {
    ImU32 towards = dark ? rgb(255, 255, 255) : rgb(0, 0, 0);
    for (double t = 0; t <= 1.0; t += 0.02) {
        ImU32 c = mix(colour, towards, t);
        if (std::all_of(backgrounds.begin(), backgrounds.end(), [&](ImU32 bg) { return contrast_ratio(c, bg) >= 4.6; }))
            return c;
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
    // Readable on every row it can be drawn on: plain, alternate, selected, just changed.
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec4 window = style.Colors[ImGuiCol_WindowBg];
    std::vector<ImU32> rows;
    for (ImGuiCol bg : {ImGuiCol_WindowBg, ImGuiCol_TableRowBgAlt, ImGuiCol_Header, ImGuiCol_HeaderActive})
        rows.push_back(opaque(style.Colors[bg], window));
    return readable_on(status_colour(s, theme.palette), rows, theme.dark);
}

ImU32 syntax_colour(syntax_kind kind, const theme_options& theme) {
    ImU32 colour = 0;
    switch (kind) {  // the hues code editors use, each theme's own
        case syntax_kind::keyword: colour = theme.dark ? rgb(120, 160, 255) : rgb(40, 60, 200); break;
        case syntax_kind::builtin: colour = theme.dark ? rgb(80, 200, 200) : rgb(0, 120, 120); break;
        case syntax_kind::string: colour = theme.dark ? rgb(150, 210, 110) : rgb(40, 130, 30); break;
        case syntax_kind::number: colour = theme.dark ? rgb(240, 170, 90) : rgb(170, 90, 0); break;
        case syntax_kind::comment: colour = theme.dark ? rgb(150, 150, 150) : rgb(110, 110, 110); break;
        case syntax_kind::definition: colour = theme.dark ? rgb(230, 210, 110) : rgb(130, 80, 0); break;
        case syntax_kind::decorator: colour = theme.dark ? rgb(210, 140, 230) : rgb(140, 40, 160); break;
    }
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec4 window = style.Colors[ImGuiCol_WindowBg];
    std::vector<ImU32> rows;
    for (ImGuiCol bg : {ImGuiCol_WindowBg, ImGuiCol_Header, ImGuiCol_TextSelectedBg})
        rows.push_back(opaque(style.Colors[bg], window));
    return readable_on(colour, rows, theme.dark);
}

std::vector<text_pairing> text_pairings(const theme_options& theme) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec4 window = style.Colors[ImGuiCol_WindowBg];
    auto on = [&](ImGuiCol bg) { return opaque(style.Colors[bg], window); };
    auto name = [](ImGuiCol c) { return std::string(ImGui::GetStyleColorName(c)); };
    std::vector<text_pairing> out;
    // Plain text: on windows, menus, tooltips, widgets, buttons, rows, tabs and titles.
    for (ImGuiCol bg : {ImGuiCol_WindowBg, ImGuiCol_PopupBg, ImGuiCol_MenuBarBg, ImGuiCol_FrameBg, ImGuiCol_FrameBgHovered,
                        ImGuiCol_FrameBgActive, ImGuiCol_Button, ImGuiCol_ButtonHovered, ImGuiCol_ButtonActive,
                        ImGuiCol_Header, ImGuiCol_HeaderHovered, ImGuiCol_HeaderActive, ImGuiCol_TableRowBgAlt,
                        ImGuiCol_TableHeaderBg, ImGuiCol_TitleBg, ImGuiCol_TitleBgActive, ImGuiCol_Tab,
                        ImGuiCol_TabHovered, ImGuiCol_TabActive, ImGuiCol_TabUnfocusedActive})
        out.push_back({"Text on " + name(bg), ImGui::GetColorU32(ImGuiCol_Text), on(bg)});
    // Greyed text: hints, line numbers, the ruler, future console lines (hovered too), menu headings.
    for (ImGuiCol bg : {ImGuiCol_WindowBg, ImGuiCol_PopupBg, ImGuiCol_MenuBarBg, ImGuiCol_TableRowBgAlt,
                        ImGuiCol_Header, ImGuiCol_HeaderHovered})
        out.push_back({"TextDisabled on " + name(bg), ImGui::GetColorU32(ImGuiCol_TextDisabled), on(bg)});
    out.push_back({"accent on WindowBg", accent_colour(theme.dark), on(ImGuiCol_WindowBg)});
    for (syntax_kind kind : {syntax_kind::keyword, syntax_kind::builtin, syntax_kind::string, syntax_kind::number,
                             syntax_kind::comment, syntax_kind::definition, syntax_kind::decorator})
        for (ImGuiCol bg : {ImGuiCol_WindowBg, ImGuiCol_Header, ImGuiCol_TextSelectedBg})
            out.push_back({fmt::format("syntax {} on {}", int(kind), name(bg)), syntax_colour(kind, theme), on(bg)});
    for (int i = 0; i < sim::task_status_count; ++i) {
        auto s = sim::task_status(i);
        std::string status(sim::to_string(s));
        ImU32 fill = status_colour(s, theme.palette);
        out.push_back({fmt::format("label on a {} segment", status), text_on(fill), fill});
        // The state column of the tasks table: plain, alternate, selected and just-changed rows.
        for (ImGuiCol bg : {ImGuiCol_WindowBg, ImGuiCol_TableRowBgAlt, ImGuiCol_Header, ImGuiCol_HeaderActive})
            out.push_back({fmt::format("{} as text on {}", status, name(bg)), status_text_colour(s, theme), on(bg)});
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
    // Hovered and pressed buttons and rows are darker (dark theme) or paler
    // (light) than ImGui's, so that text on them keeps 4.5:1.
    auto& c = style.Colors;
    c[ImGuiCol_TextDisabled] = options.dark ? ImVec4(0.68f, 0.68f, 0.68f, 1) : ImVec4(0.30f, 0.30f, 0.30f, 1);
    if (options.dark) {
        c[ImGuiCol_ButtonHovered] = c[ImGuiCol_TabHovered] = ImVec4(0.18f, 0.40f, 0.72f, 1);
        c[ImGuiCol_ButtonActive] = ImVec4(0.12f, 0.32f, 0.62f, 1);
        c[ImGuiCol_HeaderHovered] = ImVec4(0.18f, 0.40f, 0.72f, 0.45f);
        c[ImGuiCol_HeaderActive] = ImVec4(0.14f, 0.34f, 0.64f, 1);
        c[ImGuiCol_TabActive] = ImVec4(0.16f, 0.36f, 0.64f, 1);
        c[ImGuiCol_Tab] = ImVec4(0.14f, 0.28f, 0.48f, 1);
    } else {
        c[ImGuiCol_HeaderHovered] = ImVec4(0.26f, 0.59f, 0.98f, 0.35f);
        c[ImGuiCol_HeaderActive] = ImVec4(0.26f, 0.59f, 0.98f, 0.5f);
        c[ImGuiCol_ButtonActive] = ImVec4(0.26f, 0.59f, 0.98f, 0.6f);
        c[ImGuiCol_TabActive] = ImVec4(0.55f, 0.73f, 0.95f, 1);
    }
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
        // Latin (with its extensions), Greek and Cyrillic: what students write in strings and
        // comments; arrows, bullets and shapes: what the panels draw.
        static const ImWchar ranges[] = {0x0020, 0x024F, 0x0370, 0x03FF, 0x0400, 0x04FF, 0x2190, 0x21FF,
                                         0x2022, 0x2026, 0x25A0, 0x25FF, 0};
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
