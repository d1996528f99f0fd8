#include "panel_layout.hpp"

#include <imgui_internal.h>  // BringWindowToDisplayFront: splitters stay above panels shown later

#include <algorithm>
#include <cmath>
#include <utility>

#include "layout_probe.hpp"

namespace loopscope::ui {

namespace {

/// Cuts `total` pixels at `fraction` of it, each side at least `min` (half each when total is smaller).
std::pair<float, float> split(float total, float fraction, float min) {
    min = std::min(min, std::floor(total / 2));
    float first = std::clamp(std::round(total * fraction), min, total - min);
    return {first, total - first};
}

/// The bounds that keep both sides of a border over `extent` pixels at least `min` wide.
std::pair<float, float> bounds(float extent, float min) {
    float f = std::min(min / std::max(extent, 1.0f), 0.5f);
    return {f, 1 - f};
}

constexpr float grip = 4;  // half the width of the strip that takes the mouse

}  // namespace

panel_layout compute_layout(view_options& view, const layout_needs& needs) {
    panel_layout out;
    panel_sizes& s = view.sizes;
    const float x = needs.origin.x, y = needs.origin.y, w = needs.size.x, h = needs.size.y;
    const bool console_right = s.console_on_right && view.show_console;
    const bool right = view.show_loop || view.show_source || console_right;
    std::vector<panel_id> below;
    if (view.show_console && !console_right) below.push_back(panel_id::console);
    if (view.show_tasks) below.push_back(panel_id::tasks);
    // No room under every lane (and the height is automatic): the row's panels
    // become tabs on the right, where there is a column to hold them.
    std::vector<panel_id> folded;
    if (!below.empty() && right && s.timeline_height < 0 && h - needs.timeline_wanted < needs.min_panel.y)
        folded = std::exchange(below, {});

    // Columns: the right one's width is the remembered fraction.
    float left_width = w;
    if (right) {
        left_width = split(w, 1 - s.right_width, needs.min_panel.x).first;
        auto [low, high] = bounds(w, needs.min_panel.x);
        out.splitters.push_back({{x + left_width - grip, y}, {x + left_width + grip, y + h}, true, &s.right_width, x, w,
                                 true, low, high});
    }

    // Left: the timeline, then the row under it. An automatic height shows
    // every lane when it can, and at least half the column.
    float timeline_height = h;
    if (!below.empty()) {
        float fraction = s.timeline_height >= 0 ? s.timeline_height : std::max(0.5f, needs.timeline_wanted / h);
        timeline_height = split(h, fraction, needs.min_panel.y).first;
        auto [low, high] = bounds(h, needs.min_panel.y);
        out.splitters.push_back({{x, y + timeline_height - grip}, {x + left_width, y + timeline_height + grip}, false,
                                 &s.timeline_height, y, h, false, low, high});
    }
    out.placements.push_back({{{x, y}, {left_width, timeline_height}}, {panel_id::timeline}});
    if (!below.empty()) {
        float row_y = y + timeline_height, row_height = h - timeline_height;
        if (below.size() == 2) {
            float console_width = split(left_width, s.console_width, needs.min_panel.x).first;
            out.placements.push_back({{{x, row_y}, {console_width, row_height}}, {panel_id::console}});
            out.placements.push_back({{{x + console_width, row_y}, {left_width - console_width, row_height}}, {panel_id::tasks}});
            auto [low, high] = bounds(left_width, needs.min_panel.x);
            out.splitters.push_back({{x + console_width - grip, row_y}, {x + console_width + grip, row_y + row_height},
                                     true, &s.console_width, x, left_width, false, low, high});
        } else {
            out.placements.push_back({{{x, row_y}, {left_width, row_height}}, below});
        }
    }

    // Right: a stack; each panel but the last takes its fraction of what the
    // ones above left; the folded panels are tabs of the last.
    if (right) {
        std::vector<std::pair<panel_id, float*>> stack;
        if (view.show_loop) stack.push_back({panel_id::loop, &s.loop_height});
        if (view.show_source) stack.insert(needs.source_first ? stack.begin() : stack.end(), {panel_id::source, &s.source_height});
        if (console_right) stack.push_back({panel_id::console, nullptr});
        // Too short for each to be useful: the first ones join the last as tabs.
        while (stack.size() > 1 && h / float(stack.size()) < needs.min_panel.y) {
            folded.push_back(stack.front().first);
            stack.erase(stack.begin());
        }
        float column_x = x + left_width, column_width = w - left_width, top = y, rest = h;
        for (std::size_t i = 0; i < stack.size(); ++i) {
            float height = rest;
            std::vector<panel_id> panels{stack[i].first};
            if (i + 1 < stack.size()) {
                height = split(rest, *stack[i].second, needs.min_panel.y).first;
                auto [low, high] = bounds(rest, needs.min_panel.y);
                out.splitters.push_back({{column_x, top + height - grip}, {column_x + column_width, top + height + grip},
                                         false, stack[i].second, top, rest, false, low, high});
            } else {
                panels.insert(panels.end(), folded.begin(), folded.end());
            }
            out.placements.push_back({{{column_x, top}, {column_width, height}}, std::move(panels)});
            top += height;
            rest -= height;
        }
    }
    return out;
}

bool draw_splitters(const panel_layout& layout) {
    bool released = false;
    int index = 0;
    for (const splitter& s : layout.splitters) {
        ImVec2 size{s.max.x - s.min.x, s.max.y - s.min.y};
        ImGui::SetNextWindowPos(s.min);
        ImGui::SetNextWindowSize(size);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, {0, 0});
        ImGui::PushStyleVar(ImGuiStyleVar_WindowMinSize, {1, 1});
        std::string name = "##splitter" + std::to_string(index++);
        ImGui::Begin(name.c_str(), nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoFocusOnAppearing);
        ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
        ImGui::InvisibleButton("##grip", size);
        bool active = ImGui::IsItemActive();
        if (active || ImGui::IsItemHovered()) {
            ImGui::SetMouseCursor(s.vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
            ImGui::GetWindowDrawList()->AddRectFilled(s.min, s.max, ImGui::GetColorU32(ImGuiCol_SeparatorActive));
        }
        if (active) {
            float mouse = s.vertical ? ImGui::GetIO().MousePos.x : ImGui::GetIO().MousePos.y;
            float f = (mouse - s.origin) / s.extent;
            *s.fraction = std::clamp(s.from_end ? 1 - f : f, s.low, s.high);
        }
        released = released || ImGui::IsItemDeactivated();
        probe().rect(name.substr(2), s.min, s.max);
        ImGui::End();
        ImGui::PopStyleVar(2);
    }
    return released;
}

}  // namespace loopscope::ui
