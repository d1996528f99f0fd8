// The visualizer's CPU cost on a big trace (10,000 tasks, about 1,000,000
// events): the time to load it (read the file, build playback and the
// timeline model) and the CPU time to build one frame (ImGui draw lists for
// every panel, no GPU) at three zoom levels and two axes. Frames are built
// without a display: the GPU's share under llvmpipe is not counted.
// Prints one JSON line per figure: median and worst of 60 frames. Then, for
// each lesson program, the time from a re-run after an edit (Ctrl+Enter) to
// its new run shown: the child records it, the window sees it done at its
// polling pace, loads it and draws a frame.
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <vector>

#include "app.hpp"
#include "loopscope/core.hpp"
#include "loopscope/sim/atomic_file.hpp"
#include "loopscope/sim/lessons.hpp"
#include "loopscope/sim/recorder.hpp"
#include "loopscope/sim/trace_file.hpp"
#include "window.hpp"

using namespace loopscope;

namespace {

using clock_type = std::chrono::steady_clock;

coro<> yielder(int yields) {
    for (int i = 0; i < yields; ++i) co_await sleep(i % 3 == 0 ? 0.001 : 0.0);
}

coro<> many_tasks(int tasks, int yields) {
    std::vector<task<>> all;
    for (int i = 0; i < tasks; ++i) all.push_back(create_task(yielder(yields)));
    for (auto& t : all) co_await t;
}

double ms_since(clock_type::time_point start) {
    return std::chrono::duration<double, std::milli>(clock_type::now() - start).count();
}

void frame_times(ui::app& a, const char* label) {
    std::vector<double> samples;
    for (int i = 0; i < 60; ++i) {
        auto start = clock_type::now();
        ImGui::NewFrame();
        ui::draw_frame(a);
        ImGui::Render();
        samples.push_back(ms_since(start));
        a.step_forward();
    }
    std::sort(samples.begin(), samples.end());
    std::printf("{\"ui\":\"frame\",\"view\":\"%s\",\"cpu_ms_median\":%.2f,\"cpu_ms_max\":%.2f}\n", label,
                samples[samples.size() / 2], samples.back());
}

/// Median and worst of 11 re-runs of each lesson after an edit, as the window does them.
void rerun_times() {
    const auto folder = std::filesystem::temp_directory_path() / "loopscope-ui-bench-lessons";
    std::filesystem::create_directories(folder);
    for (const auto& lesson : sim::lesson_programs()) {
        const auto file = folder / (std::string(lesson.id) + ".py");
        sim::write_file_atomically(file, lesson.text);
        ui::app a(sim::trace{});
        a.open_program(file);
        a.finish_program();
        std::vector<double> samples;
        for (int i = 0; i < 11; ++i) {
            a.editor.place({0, 0}, false);
            a.editor.insert("# edited\n");
            auto start = clock_type::now();
            a.rerun_program();
            while (a.poll_program()) std::this_thread::sleep_for(std::chrono::duration<double>(ui::program_poll_seconds));
            ImGui::NewFrame();
            ui::draw_frame(a);
            ImGui::Render();
            samples.push_back(ms_since(start));
        }
        std::sort(samples.begin(), samples.end());
        std::printf("{\"ui\":\"rerun\",\"program\":\"%s\",\"events\":%zu,\"ms_median\":%.0f,\"ms_max\":%.0f}\n",
                    std::string(lesson.id).c_str(), a.trace().size(), samples[samples.size() / 2], samples.back());
    }
    std::filesystem::remove_all(folder);
}

}  // namespace

int main() {
    sim::trace recorded;
    {
        event_loop loop;
        sim::recorder r(loop, recorded, {.max_events = 100'000'000});
        loop.run(many_tasks(10'000, 32));
    }
    auto file = std::filesystem::temp_directory_path() / "loopscope-ui-bench.loopscope";
    sim::save_trace(recorded, file);
    auto bytes = std::filesystem::file_size(file);

    auto start = clock_type::now();
    ui::app a(sim::load_trace(file));
    double load_ms = ms_since(start);
    std::filesystem::remove(file);
    std::printf("{\"ui\":\"load\",\"events\":%zu,\"tasks\":%zu,\"file_bytes\":%ju,\"load_ms\":%.1f}\n", a.trace().size(),
                a.trace().tasks.size(), std::uintmax_t(bytes), load_ms);

    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = {1600, 900};
    io.IniFilename = nullptr;
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;  // as the OpenGL 3.3 backend declares
    ui::load_fonts(1.0f);
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);  // what the GL backend would upload
    ui::apply_style(a.view.theme);
    a.seek(a.playback().size() / 2);
    for (auto axis : {sim::timeline_axis::steps, sim::timeline_axis::time, sim::timeline_axis::iterations}) {
        a.view.axis = axis;
        std::string_view axis_name = sim::to_string(axis);
        a.range.fit = true;
        frame_times(a, (std::string(axis_name) + ", whole trace").c_str());
        double middle = a.timeline().x(a.position(), axis), end = a.timeline().end(axis);
        a.range.zoom(0.01, middle, 0, end);
        frame_times(a, (std::string(axis_name) + ", 1% of the trace").c_str());
        a.range.zoom(0.001, middle, 0, end);
        frame_times(a, (std::string(axis_name) + ", 0.001% of the trace").c_str());
    }
    rerun_times();
    ImGui::DestroyContext();
}
