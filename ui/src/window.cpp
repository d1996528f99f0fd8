#include "window.hpp"

// glad first: it must come before any other OpenGL header.
#include <glad/gl.h>
// clang-format off
#include <GLFW/glfw3.h>
// clang-format on
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <fmt/format.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cfloat>
#include <cstdlib>
#include <optional>
#include <utility>
#include <vector>

#include "editor_input.hpp"
#include "layout_probe.hpp"
#include "layout_settings.hpp"
#include "loopscope/sim/atomic_file.hpp"
#include "loopscope/sim/python_words.hpp"
#include "loopscope/sim/task_label.hpp"
#include "panels.hpp"

namespace loopscope::ui {

// [SECTION] helpers shared by the panels

const char* panel_title(panel_id panel) {
    switch (panel) {
        case panel_id::timeline: return "Timeline";
        case panel_id::loop: return "Event loop";
        case panel_id::source: return "Source";
        case panel_id::console: return "Console";
        case panel_id::tasks: return "Tasks";
    }
    return "";
}

void draw_panel_contents(app& a, panel_id panel) {
    switch (panel) {
        case panel_id::timeline: draw_timeline(a); break;
        case panel_id::loop: draw_loop(a); break;
        case panel_id::source: draw_source(a); break;
        case panel_id::console: draw_console(a); break;
        case panel_id::tasks: draw_tasks(a); break;
    }
}

void probe_control(std::string_view label, task_id task) {
    label = label.substr(0, label.find("##"));
    while (!label.empty() && label.front() == ' ') label.remove_prefix(1);
    while (!label.empty() && label.back() == ' ') label.remove_suffix(1);
    std::string name = task ? fmt::format("button:{}:{}", label, task) : fmt::format("button:{}", label);
    // Only the part that can be clicked: a row scrolled under a table's header
    // or a scrollbar is clipped; one mostly out of sight is not listed.
    ImDrawList* d = ImGui::GetWindowDrawList();
    ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ImVec2 clip_min = d->GetClipRectMin(), clip_max = d->GetClipRectMax();
    ImVec2 shown_min{std::max(min.x, clip_min.x), std::max(min.y, clip_min.y)};
    ImVec2 shown_max{std::min(max.x, clip_max.x), std::min(max.y, clip_max.y)};
    if (shown_max.y - shown_min.y < (max.y - min.y) * 0.6f || shown_max.x - shown_min.x < (max.x - min.x) * 0.5f) return;
    probe().rect(name, shown_min, shown_max);
}

std::string lane_label(const app& a, task_id id) { return sim::task_coroutine_label(a.trace(), id); }

std::string task_name(const app& a, task_id id) { return sim::task_name_label(a.trace(), id); }

std::string shown_text(const app& a, std::uint32_t text) {
    return sim::listing_words(a.trace(), a.trace().strings[text]);
}

bool wrapped_selectable(const std::string& text, bool selected) {
    float wrap = ImGui::GetContentRegionAvail().x;
    ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap);
    ImVec2 at = ImGui::GetCursorScreenPos();
    bool clicked = ImGui::Selectable("##row", selected, 0, {0, size.y});
    ImGui::GetWindowDrawList()->AddText(nullptr, 0, at, ImGui::GetColorU32(ImGuiCol_Text), text.c_str(), nullptr, wrap);
    return clicked;
}

void same_line_or_wrap(float width) {
    float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right) ImGui::SameLine();
}

namespace {
std::string g_open_menu_title;  // the layout name of the menu between begin_menu and end_menu
}

bool begin_menu(const char* label, const char* name) {
    std::string title = fmt::format("button:{}", name ? name : label);
    // A menu taller than the room under the bar would be moved up over the bar, an item where its title is
    // (the Scenario menu at 2x in 720 pixels): it scrolls instead.
    float bar_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight();
    float room = ImGui::GetIO().DisplaySize.y - ImGui::GetStyle().DisplaySafeAreaPadding.y - bar_bottom;
    ImGui::SetNextWindowSizeConstraints({0, 0}, {FLT_MAX, std::max(room, ImGui::GetFrameHeight())});
    if (!ImGui::BeginMenu(label)) {
        probe().rect(title, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        return false;
    }
    // Open, the menu's popup is the current window: its title is listed once the popup ends.
    g_open_menu_title = std::move(title);
    return true;
}

void end_menu() {
    ImGui::EndMenu();
    // Ending the popup gives back the last item of the window it was opened from, the title: where it is
    // drawn now, which moves with the font size (set from the View menu while that menu is open).
    probe().rect(g_open_menu_title, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

bool menu_item(const char* label, const char* shortcut, bool selected) {
    bool clicked = ImGui::MenuItem(label, shortcut, selected);
    probe_control(label);
    return clicked;
}

layout_probe& probe() {
    static layout_probe p;
    return p;
}

std::string layout_probe::json() const {
    std::string json = "{\n";
    for (const auto& [name, r] : m_rects)
        json += fmt::format("  \"{}\": [{:.1f}, {:.1f}, {:.1f}, {:.1f}],\n", name, r.first.x, r.first.y, r.second.x,
                            r.second.y);
    json += fmt::format("  \"font_size\": [{:.1f}, 0, 0, 0]\n}}\n", ImGui::GetFontSize());
    return json;
}

bool display_available() {
    const char* x11 = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    return (x11 && *x11) || (wayland && *wayland);
}

// [SECTION] layout

namespace {

/// One window at its place: a panel with its title, or tabs of panels. The
/// timeline has no title bar: its ruler row says what it is.
void draw_placement(app& a, const placement& p) {
    const panel_id first = p.panels.front();
    const bool tabs = p.panels.size() > 1;
    const char* title = tabs ? "##tabs" : panel_title(first);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                             ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                             // A panel that appears (the layout folded others into its tabs after the text grew)
                             // must not take the focus: that closed an open menu, and would take the editor's keys.
                             ImGuiWindowFlags_NoFocusOnAppearing;
    if (tabs || first == panel_id::timeline) flags |= ImGuiWindowFlags_NoTitleBar;
    if (first == panel_id::timeline) flags |= ImGuiWindowFlags_NoScrollbar;
    ImGui::SetNextWindowPos(p.rect.pos);
    ImGui::SetNextWindowSize(p.rect.size);
    // The lanes get every pixel the timeline has: a thin frame around them.
    const bool timeline = first == panel_id::timeline;
    if (timeline) ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {ImGui::GetStyle().WindowPadding.x, 3});
    ImVec2 max{p.rect.pos.x + p.rect.size.x, p.rect.pos.y + p.rect.size.y};
    for (panel_id panel : p.panels) probe().rect(fmt::format("panel:{}", panel_title(panel)), p.rect.pos, max);
    bool visible = ImGui::Begin(title, nullptr, flags);
    if (timeline) ImGui::PopStyleVar();
    if (visible) {
        if (!tabs) {
            draw_panel_contents(a, first);
        } else if (ImGui::BeginTabBar("##panels", ImGuiTabBarFlags_FittingPolicyScroll)) {
            for (panel_id panel : p.panels) {
                bool open = ImGui::BeginTabItem(panel_title(panel));
                probe_control(panel_title(panel));
                if (!open) continue;
                ImGui::BeginChild(panel_title(panel));
                draw_panel_contents(a, panel);
                ImGui::EndChild();
                ImGui::EndTabItem();
            }
            ImGui::EndTabBar();
        }
    }
    ImGui::End();
}

}  // namespace

bool draw_frame(app& a) {
    probe().clear();
    ImVec2 display = ImGui::GetIO().DisplaySize;
    float top = draw_menu_bar(a);
    // The rows under the menus follow their content (the text wraps, rows
    // fold at large sizes): sized from what the last frame drew.
    static float rows_height = 0;
    const ImGuiStyle& style = ImGui::GetStyle();
    float height = rows_height > 0 ? rows_height + style.WindowPadding.y : ImGui::GetFrameHeightWithSpacing() * 4;
    ImGui::SetNextWindowPos({0, top});
    ImGui::SetNextWindowSize({display.x, height});
    ImGui::Begin("##top", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
    draw_scenario_row(a, display.x);
    draw_transport(a, display.x);
    rows_height = ImGui::GetCursorPosY();
    ImGui::End();
    top += height;
    const float font = ImGui::GetFontSize();
    layout_needs needs{{0, top}, {display.x, std::max(display.y - top, 1.0f)}, timeline_wanted_height(a),
                       {font * 9, ImGui::GetFrameHeightWithSpacing() * 3 + font}, a.shows_program()};
    panel_layout layout = compute_layout(a.view, needs);
    for (const placement& p : layout.placements) draw_placement(a, p);
    return draw_splitters(layout);
}

namespace {

// [SECTION] keys, prompts, popups

/// This frame saw the pointer move, a button or key down or let go, a wheel turn or a character typed.
bool had_input() {
    const ImGuiIO& io = ImGui::GetIO();
    bool input = io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || io.MouseWheel != 0 || io.MouseWheelH != 0 ||
                 !io.InputQueueCharacters.empty();
    for (int b = 0; b < IM_ARRAYSIZE(io.MouseDown); ++b) input = input || io.MouseDown[b] || io.MouseReleased[b];
    for (int k = 0; k < IM_ARRAYSIZE(io.KeysDown); ++k) input = input || io.KeysDown[k] || ImGui::IsKeyReleased(k);
    return input;
}

void toggle_full_screen(GLFWwindow* window) {
    static int saved[4] = {100, 100, 1600, 900};
    if (glfwGetWindowMonitor(window)) {
        glfwSetWindowMonitor(window, nullptr, saved[0], saved[1], saved[2], saved[3], 0);
    } else if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) {
        glfwGetWindowPos(window, &saved[0], &saved[1]);
        glfwGetWindowSize(window, &saved[2], &saved[3]);
        const GLFWvidmode* mode = glfwGetVideoMode(monitor);
        glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
    }
}

/// The window's keys, each press in the order typed (a quick tap of → between
/// two frames still steps once; held, the keyboard's repeat steps on).
void handle_keys(app& a, GLFWwindow* window) {
    const bool editing = std::exchange(a.editor_focused, false);  // the Source panel says so again as it draws
    if (ImGui::GetIO().WantTextInput) return;  // a text field has the keys
    for (const typed_input& typed : typed_this_frame()) {
        const bool ctrl = typed.mods & GLFW_MOD_CONTROL, shift = typed.mods & GLFW_MOD_SHIFT;
        // The program's keys, wherever the keyboard is.
        if (ctrl && (typed.key == GLFW_KEY_ENTER || typed.key == GLFW_KEY_KP_ENTER) && a.shows_program())
            a.request([](app& to) { to.rerun_program(); });
        if (ctrl && typed.key == GLFW_KEY_S) {
            if (a.shows_program() && !shift) a.save_program();
            else a.pending_file_action = file_action::save_trace;
        }
        if (ctrl && typed.key == GLFW_KEY_O) a.pending_file_action = file_action::open_trace;
        if (editing || ctrl) continue;  // the other keys type into the program
        // Zoom keeps the playhead where it is when it is in view, else the middle of the view.
        const double playhead = a.timeline().x(a.position(), a.view.axis), end = a.timeline().end(a.view.axis);
        const double anchor =
            playhead >= a.range.x0 && playhead <= a.range.x1 ? playhead : (a.range.x0 + a.range.x1) / 2;
        switch (typed.key) {
            case GLFW_KEY_SPACE: a.toggle_play(); break;
            case GLFW_KEY_RIGHT: a.step_forward(); break;
            case GLFW_KEY_LEFT: a.step_back(); break;
            case GLFW_KEY_HOME: a.first(); break;
            case GLFW_KEY_END: a.last(); break;
            case GLFW_KEY_EQUAL:
            case GLFW_KEY_KP_ADD: a.range.zoom(0.7, anchor, 0, end); break;
            case GLFW_KEY_MINUS:
            case GLFW_KEY_KP_SUBTRACT: a.range.zoom(1 / 0.7, anchor, 0, end); break;
            case GLFW_KEY_0: a.range.fit = true; break;
            case GLFW_KEY_F11: toggle_full_screen(window); break;
            default: break;
        }
    }
}

/// What the File menu asked for, with the path being typed.
struct path_prompt {
    file_action action = file_action::none;
    char path[1024] = {};
};

std::string default_path(const app& a, file_action action) {
    // A program's files are named after it without its .py: countdown.loopscope, countdown.png.
    const std::string base = a.shows_program() ? std::filesystem::path(a.title()).stem().string() : a.title();
    switch (action) {
        case file_action::open_trace:  // a program's folder, to type a name in
            if (a.shows_program()) return (std::filesystem::path(a.trace().origin.program.path).parent_path() / "").string();
            return base + ".loopscope";
        case file_action::save_trace: return base + ".loopscope";
        case file_action::export_chrome: return base + ".json";
        case file_action::export_png_window: return base + ".png";
        case file_action::export_png_timeline: return base + "-timeline.png";
        case file_action::none: break;
    }
    return {};
}

/// "countdown.py has changes that are not saved": [Save changes] [Don't save] [Cancel],
/// before a change that would leave them.
void draw_unsaved_question(app& a) {
    if (a.asks_to_leave() && !ImGui::IsPopupOpen("Unsaved changes")) ImGui::OpenPopup("Unsaved changes");
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, {0.5f, 0.5f});
    if (!ImGui::BeginPopupModal("Unsaved changes", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    const std::string file = std::filesystem::path(a.trace().origin.program.path).filename().string();
    ImGui::Text("%s has changes that are not saved.", file.c_str());
    probe().rect("unsaved_question", ImGui::GetWindowPos(),
                 {ImGui::GetWindowPos().x + ImGui::GetWindowWidth(), ImGui::GetWindowPos().y + ImGui::GetWindowHeight()});
    std::optional<app::leave_answer> answer;
    if (ImGui::Button("Save changes")) answer = app::leave_answer::save;
    probe_control("Save changes");
    ImGui::SameLine();
    if (ImGui::Button("Don't save")) answer = app::leave_answer::discard;
    probe_control("Don't save");
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) answer = app::leave_answer::stay;
    probe_control("Cancel");
    if (answer) {
        a.answer_leave(*answer);
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

/// Returns the PNG to write after this frame (empty: none), and the timeline-only flag.
std::pair<std::filesystem::path, bool> draw_prompts(app& a, path_prompt& prompt) {
    std::pair<std::filesystem::path, bool> png;
    if (a.pending_file_action != file_action::none) {
        prompt.action = a.pending_file_action;
        a.pending_file_action = file_action::none;
        std::string path = default_path(a, prompt.action);
        std::snprintf(prompt.path, sizeof prompt.path, "%s", path.c_str());
        ImGui::OpenPopup("File");
    }
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, {0.5f, 0.5f});
    if (ImGui::BeginPopupModal("File", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        const char* verb = prompt.action == file_action::open_trace ? "Open a trace or a Python program" : "Save as";
        ImGui::Text("%s (a path; you can also drop the file onto the window):", verb);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 30);
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        bool go = ImGui::InputText("##path", prompt.path, sizeof prompt.path, ImGuiInputTextFlags_EnterReturnsTrue);
        go = ImGui::Button("OK") || go;
        ImGui::SameLine();
        if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
            prompt.action = file_action::none;
            ImGui::CloseCurrentPopup();
        }
        if (go) {
            std::filesystem::path path = prompt.path;
            switch (prompt.action) {
                case file_action::open_trace: a.leave_program([path](app& to) { to.open_trace(path); }); break;
                case file_action::save_trace: a.save_trace(path); break;
                case file_action::export_chrome: a.export_chrome(path); break;
                case file_action::export_png_window: png = {path, false}; break;
                case file_action::export_png_timeline: png = {path, true}; break;
                case file_action::none: break;
            }
            prompt.action = file_action::none;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    draw_unsaved_question(a);
    if (!a.error().empty() && !ImGui::IsPopupOpen("Error")) ImGui::OpenPopup("Error");
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, {0.5f, 0.5f});
    if (ImGui::BeginPopupModal("Error", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        // Wrapped to fit the window at any font size (a program's error can be a long line).
        ImGui::PushTextWrapPos(std::min(ImGui::GetFontSize() * 40, ImGui::GetMainViewport()->Size.x * 0.8f));
        ImGui::TextUnformatted(a.error().c_str());
        ImGui::PopTextWrapPos();
        ImGui::TextDisabled("Loopscope keeps showing what it had.");
        probe().rect("error_popup", ImGui::GetWindowPos(),
                     {ImGui::GetWindowPos().x + ImGui::GetWindowWidth(), ImGui::GetWindowPos().y + ImGui::GetWindowHeight()});
        if (ImGui::Button("OK") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) {
            a.clear_error();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    return png;
}

// [SECTION] PNG export

/// Writes the back buffer (or the part of it under `crop`, in window pixels) as a PNG, atomically.
void write_png(const std::filesystem::path& file, int width, int height, ImVec2 scale,
               std::optional<std::pair<ImVec2, ImVec2>> crop) {
    std::vector<unsigned char> pixels(std::size_t(width) * std::size_t(height) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    int x0 = 0, y0 = 0, w = width, h = height;
    if (crop) {
        x0 = std::clamp(int(crop->first.x * scale.x), 0, width - 1);
        y0 = std::clamp(int(crop->first.y * scale.y), 0, height - 1);
        w = std::clamp(int(crop->second.x * scale.x), x0 + 1, width) - x0;
        h = std::clamp(int(crop->second.y * scale.y), y0 + 1, height) - y0;
    }
    std::vector<unsigned char> out(std::size_t(w) * std::size_t(h) * 4);
    for (int row = 0; row < h; ++row) {  // GL rows go bottom-up
        const unsigned char* src = &pixels[(std::size_t(height - 1 - (y0 + row)) * std::size_t(width) + std::size_t(x0)) * 4];
        std::copy(src, src + std::size_t(w) * 4, &out[std::size_t(row) * std::size_t(w) * 4]);
    }
    std::string png;
    stbi_write_png_to_func([](void* context, void* data, int size) {
        static_cast<std::string*>(context)->append(static_cast<const char*>(data), std::size_t(size));
    }, &png, w, h, 4, out.data(), w * 4);
    if (png.empty()) throw std::runtime_error(fmt::format("{}: could not encode the PNG", file.string()));
    sim::write_file_atomically(file, png);
}

app* g_app = nullptr;  // for GLFW's C callbacks

}  // namespace

int run_window(app& a, const window_options& options) {
    glfwSetErrorCallback([](int code, const char* text) { fmt::print(stderr, "loopscope: GLFW error {}: {}\n", code, text); });
    if (!glfwInit()) {
        fmt::print(stderr, "loopscope: could not open a window (GLFW could not initialise the display)\n");
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    if (options.screenshot) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    GLFWwindow* window = glfwCreateWindow(options.width, options.height, "Loopscope", nullptr, nullptr);
    if (!window) {
        fmt::print(stderr, "loopscope: could not create an OpenGL 3.3 window\n");
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    if (!gladLoadGL(glfwGetProcAddress)) {
        fmt::print(stderr, "loopscope: could not load OpenGL 3.3 functions\n");
        glfwDestroyWindow(window);
        glfwTerminate();
        return 1;
    }
    g_app = &a;
    glfwSetDropCallback(window, [](GLFWwindow*, int count, const char** paths) {
        if (count > 0 && g_app) g_app->leave_program([file = std::filesystem::path(paths[0])](app& a) { a.open_trace(file); });
    });
    glfwSetWindowCloseCallback(window, [](GLFWwindow* closing) {
        if (!g_app || !g_app->has_unsaved_edits()) return;
        glfwSetWindowShouldClose(closing, GLFW_FALSE);  // asked first; closes once answered
        g_app->leave_program([](app& a) { a.quit_requested = true; });
    });

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the layout is computed; nothing to remember
    record_typing(window);  // first: ImGui's callbacks pass every key and character on to the editor's
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    probe().detailed = options.layout.has_value();
    // A live window remembers its layout; a screenshot is of the layout asked for.
    std::filesystem::path settings = options.screenshot ? std::filesystem::path() : layout_settings_path();
    if (!settings.empty())
        for (const auto& problem : load_layout(settings, a.view)) fmt::print(stderr, "loopscope: {} (ignored)\n", problem);
    view_options saved_view = a.view;
    std::string written_layout;
    theme_options applied{};
    applied.font_scale = -1;  // forces the first load
    path_prompt prompt;
    int frame = 0;
    int status = 0;
    double last_time = glfwGetTime();
    // Idle costs nothing: with nothing playing, the loop sleeps until an
    // event, then draws a few frames for ImGui to settle (hover, popups). A
    // busy frame (playing, a change pending) also leaves a few to come, so
    // that what it changed (Pause back to Play) is drawn before the loop sleeps.
    int settle_frames = 0;
    while (!glfwWindowShouldClose(window)) {
        bool busy = a.playing() || options.screenshot || ImGui::GetIO().WantTextInput || a.has_requests();
        if (busy || settle_frames > 0) {
            glfwPollEvents();
            settle_frames = busy ? 3 : settle_frames - 1;
        } else if (a.running_program()) {
            glfwWaitEventsTimeout(program_poll_seconds);  // its time ticks on, its end is seen at once
            settle_frames = 3;
        } else {
            glfwWaitEvents();
            settle_frames = 3;
        }
        if (a.view.theme.font_scale != applied.font_scale) {
            load_fonts(a.view.theme.font_scale);
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
        if (a.view.theme.font_scale != applied.font_scale || a.view.theme.dark != applied.dark) {
            apply_style(a.view.theme);
            applied = a.view.theme;
        }
        a.apply_requests();  // between frames: nothing draws from the trace they replace
        if (a.quit_requested) break;  // the answer to "unsaved changes" was given: no frame more
        a.poll_program();    // the same for a program's run that is ready
        double now = glfwGetTime();
        a.tick(now - last_time);
        last_time = now;

        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        // Input seen in a settling frame (the last of them, even) leaves more to come: what it
        // changed late in this frame (a click on the console seeks after the readout is drawn) is drawn.
        if (had_input()) settle_frames = std::max(settle_frames, 3);
        handle_keys(a, window);
        bool resized = draw_frame(a);
        auto [png, timeline_only] = draw_prompts(a, prompt);
        if (!settings.empty() && (resized || !ImGui::IsMouseDown(ImGuiMouseButton_Left)) && a.view != saved_view) {
            try {
                save_layout(settings, a.view);
            } catch (const std::exception& e) {
                a.set_status(fmt::format("Layout not saved: {}", e.what()));
            }
            saved_view = a.view;
        }
        ImGui::Render();
        int width = 0, height = 0;
        glfwGetFramebufferSize(window, &width, &height);
        glViewport(0, 0, width, height);
        ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
        glClearColor(clear.x, clear.y, clear.z, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
        try {
            // A few frames first: ImGui sizes windows and tables from the previous frame.
            if (options.screenshot && ++frame == 4) {
                std::optional<std::pair<ImVec2, ImVec2>> crop;
                if (options.timeline_only) crop = probe().find("timeline");
                write_png(*options.screenshot, width, height, scale, crop);
                if (options.layout) sim::write_file_atomically(*options.layout, probe().json());
                glfwSetWindowShouldClose(window, GLFW_TRUE);
            } else if (options.layout && !options.screenshot) {
                // A live window keeps the layout file current for scripts that drive it.
                std::string json = probe().json();
                if (json != written_layout) sim::write_file_atomically(*options.layout, json);
                written_layout = std::move(json);
            }
            if (!png.empty()) {
                write_png(png, width, height, scale, timeline_only ? probe().find("timeline") : std::nullopt);
                a.set_status(fmt::format("Wrote {}", png.string()));
            }
        } catch (const std::exception& e) {
            if (options.screenshot) {
                fmt::print(stderr, "loopscope: {}\n", e.what());
                status = 2;
                glfwSetWindowShouldClose(window, GLFW_TRUE);
            }
            a.report_error(e.what());
        }
        glfwSwapBuffers(window);
        forget_typing();  // what the editor did not take this frame (it had no focus) is not for a later one
    }
    g_app = nullptr;
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return status;
}

}  // namespace loopscope::ui
