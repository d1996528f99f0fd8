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
#include <cstdlib>
#include <vector>

#include "layout_probe.hpp"
#include "loopscope/sim/atomic_file.hpp"
#include "panels.hpp"

namespace loopscope::ui {

// [SECTION] helpers shared by the panels

bool begin_panel(const char* title, panel_rect r) {
    ImGui::SetNextWindowPos(r.pos);
    ImGui::SetNextWindowSize(r.size);
    probe().rect(fmt::format("panel:{}", title), r.pos, {r.pos.x + r.size.x, r.pos.y + r.size.y});
    return ImGui::Begin(title, nullptr,
                        ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                            ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
}

layout_probe& probe() {
    static layout_probe p;
    return p;
}

void layout_probe::save(const std::filesystem::path& file) const {
    std::string json = "{\n";
    for (const auto& [name, r] : m_rects)
        json += fmt::format("  \"{}\": [{:.1f}, {:.1f}, {:.1f}, {:.1f}],\n", name, r.first.x, r.first.y, r.second.x,
                            r.second.y);
    json += fmt::format("  \"font_size\": [{:.1f}, 0, 0, 0]\n}}\n", ImGui::GetFontSize());
    sim::write_file_atomically(file, json);
}

bool display_available() {
    const char* x11 = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    return (x11 && *x11) || (wayland && *wayland);
}

// [SECTION] layout

/// Places the panels: scenario bar and transport on top; timeline and tasks
/// on the left; event loop and source on the right; console under the timeline.
void draw_frame(app& a) {
    probe().clear();
    ImVec2 display = ImGui::GetIO().DisplaySize;
    float top = draw_scenario_bar(a, display.x);
    top += draw_playback_bar(a, {0, top}, display.x);
    const auto& v = a.view;
    float height = display.y - top;
    bool right = v.show_loop || v.show_source;
    float left_width = right ? std::floor(display.x * 0.62f) : display.x;
    float right_width = display.x - left_width;

    float timeline_height = height * (v.show_tasks || v.show_console ? 0.56f : 1.0f);
    draw_timeline_panel(a, {{0, top}, {left_width, timeline_height}});
    float below = height - timeline_height;
    float y = top + timeline_height;
    if (v.show_console && v.show_tasks) {
        float console_width = std::floor(left_width * 0.36f);
        draw_console_panel(a, {{0, y}, {console_width, below}});
        draw_tasks_panel(a, {{console_width, y}, {left_width - console_width, below}});
    } else if (v.show_console) {
        draw_console_panel(a, {{0, y}, {left_width, below}});
    } else if (v.show_tasks) {
        draw_tasks_panel(a, {{0, y}, {left_width, below}});
    }
    if (!right) return;
    float loop_height = v.show_source ? std::floor(height * 0.38f) : height;
    if (v.show_loop) draw_loop_panel(a, {{left_width, top}, {right_width, loop_height}});
    float source_top = v.show_loop ? top + loop_height : top;
    if (v.show_source) draw_source_panel(a, {{left_width, source_top}, {right_width, display.y - source_top}});
}

namespace {

// [SECTION] keys, prompts, popups

void handle_keys(app& a, GLFWwindow* window) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space))) a.toggle_play();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) a.step_forward();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) a.step_back();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home))) a.first();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End))) a.last();
    double playhead = a.timeline().x(a.position(), a.view.axis);
    if (ImGui::IsKeyPressed(GLFW_KEY_EQUAL) || ImGui::IsKeyPressed(GLFW_KEY_KP_ADD)) a.range.zoom(0.7, playhead);
    if (ImGui::IsKeyPressed(GLFW_KEY_MINUS) || ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT)) a.range.zoom(1 / 0.7, playhead);
    if (ImGui::IsKeyPressed(GLFW_KEY_0)) a.range.fit = true;
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_O)) a.pending_file_action = file_action::open_trace;
    if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_S)) a.pending_file_action = file_action::save_trace;
    if (ImGui::IsKeyPressed(GLFW_KEY_F11)) {
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
}

/// What the File menu asked for, with the path being typed.
struct path_prompt {
    file_action action = file_action::none;
    char path[1024] = {};
};

std::string default_path(const app& a, file_action action) {
    switch (action) {
        case file_action::open_trace:
        case file_action::save_trace: return a.title() + ".loopscope";
        case file_action::export_chrome: return a.title() + ".json";
        case file_action::export_png_window: return a.title() + ".png";
        case file_action::export_png_timeline: return a.title() + "-timeline.png";
        case file_action::none: break;
    }
    return {};
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
        const char* verb = prompt.action == file_action::open_trace ? "Open trace" : "Save as";
        ImGui::Text("%s (a path; you can also drop a trace file onto the window):", verb);
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
                case file_action::open_trace: a.open_trace(path); break;
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
    if (!a.error().empty() && !ImGui::IsPopupOpen("Error")) ImGui::OpenPopup("Error");
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, {0.5f, 0.5f});
    if (ImGui::BeginPopupModal("Error", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
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
        if (count > 0 && g_app) g_app->open_trace(paths[0]);
    });

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // the layout is computed; nothing to remember
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    probe().detailed = options.layout.has_value();
    theme_options applied{};
    applied.font_scale = -1;  // forces the first load
    path_prompt prompt;
    int frame = 0;
    int status = 0;
    double last_time = glfwGetTime();
    // Idle costs nothing: with nothing playing, the loop sleeps until an
    // event, then draws a few frames for ImGui to settle (hover, popups).
    int settle_frames = 0;
    while (!glfwWindowShouldClose(window)) {
        if (a.playing() || options.screenshot || settle_frames > 0 || ImGui::GetIO().WantTextInput) {
            glfwPollEvents();
            settle_frames = std::max(settle_frames - 1, 0);
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
        double now = glfwGetTime();
        a.tick(now - last_time);
        last_time = now;

        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        handle_keys(a, window);
        draw_frame(a);
        auto [png, timeline_only] = draw_prompts(a, prompt);
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
                if (options.layout) probe().save(*options.layout);
                glfwSetWindowShouldClose(window, GLFW_TRUE);
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
