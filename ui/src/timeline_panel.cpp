// The timeline: one lane per task in creation order (indented under its
// parent), coloured by status, with the playhead. Drawing follows Tracy: per
// lane, binary-search the first visible segment, fold runs narrower than a
// few pixels into one mark and jump past them, draw only visible lanes.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "panels.hpp"

namespace loopscope::ui {

namespace {

using sim::segment;
using sim::task_status;

constexpr float fold_pixels = 3.0f;
constexpr int max_arrows = 400;

/// Maps axis values to screen x and back.
struct x_scale {
    double x0, x1;
    float left, width;
    [[nodiscard]] float px(double x) const { return left + float((x - x0) / (x1 - x0)) * width; }
    [[nodiscard]] double value(float screen_x) const { return x0 + double(screen_x - left) / width * (x1 - x0); }
};

void draw_legend(const app& a) {
    ImDrawList* d = ImGui::GetWindowDrawList();
    float box = ImGui::GetTextLineHeight() * 0.8f;
    for (int i = 0; i < sim::task_status_count; ++i) {
        auto s = task_status(i);
        ImVec2 at = ImGui::GetCursorScreenPos();
        float y = at.y + (ImGui::GetTextLineHeight() - box) / 2;
        d->AddRectFilled({at.x, y}, {at.x + box, y + box}, status_colour(s, a.view.theme.palette), 2);
        ImGui::Dummy({box, box});
        ImGui::SameLine(0, 4);
        std::string_view name = sim::to_string(s);
        ImGui::TextUnformatted(name.data(), name.data() + name.size());
        ImGui::SameLine(0, ImGui::GetFontSize());
    }
    ImGui::NewLine();
}

void draw_ruler(const app& a, const x_scale& sx, ImVec2 min, float height) {
    ImDrawList* d = ImGui::GetWindowDrawList();
    double span = sx.x1 - sx.x0;
    double raw = span / std::max(2.0, double(sx.width) / (ImGui::GetFontSize() * 6));
    double power = std::pow(10.0, std::floor(std::log10(raw)));
    double step = power;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power >= raw) {
            step = m * power;
            break;
        }
    if (a.view.axis == sim::timeline_axis::iterations) step = std::max(1.0, std::round(step));
    ImU32 tick = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    for (double v = std::ceil(sx.x0 / step) * step; v <= sx.x1; v += step) {
        float x = sx.px(v);
        d->AddLine({x, min.y + height * 0.6f}, {x, min.y + height}, tick);
        if (std::abs(v) < step * 1e-6) v = 0;  // not "-0 s"
        std::string label = a.view.axis == sim::timeline_axis::time ? fmt::format("{:g} s", v)
                                                                     : fmt::format("{:g}", v);
        d->AddText({x + 3, min.y}, tick, label.c_str());
    }
    const char* axis_name = a.view.axis == sim::timeline_axis::time ? "virtual time ->" : "loop iteration ->";
    d->AddText({min.x + 4, min.y}, tick, axis_name);
}

/// Draws one lane's segments between the axis ends visible, future dimmed or hidden.
void draw_lane(app& a, task_id id, const x_scale& sx, float y0, float y1) {
    const auto& model = a.timeline();
    const auto& lane = model.segments(id);
    if (lane.empty()) return;
    ImDrawList* d = ImGui::GetWindowDrawList();
    const auto axis = a.view.axis;
    const std::size_t playhead = a.position();
    const bool hide_future = a.view.reveal_as_you_step;
    const float pad = (y1 - y0) * 0.15f;
    const float left = sx.left, right = sx.left + sx.width;

    auto fill = [&](float x0, float x1, ImU32 colour, std::size_t begin) {
        if (x1 < left || x0 > right) return;
        x0 = std::max(x0, left);
        x1 = std::min(x1, right);
        bool future = begin >= playhead;
        if (future && hide_future) return;
        if (future) colour = (colour & 0x00ffffff) | (IM_COL32_A_MASK & IM_COL32(0, 0, 0, 70));
        d->AddRectFilled({x0, y0 + pad}, {x1, y1 - pad}, colour, 2);
    };

    std::size_t first = model.segment_at(id, model.position_at(sx.x0, axis));
    for (std::size_t i = first; i < lane.size();) {
        const segment& s = lane[i];
        double bx = model.x(s.begin, axis);
        if (sx.px(bx) > right) break;
        float x0 = sx.px(bx), x1 = sx.px(model.x(s.end, axis));
        ImU32 colour = status_colour(s.status, a.view.theme.palette);
        if (sim::is_terminal(s.status)) {
            if (!(hide_future && s.begin >= playhead)) {
                float r = (y1 - y0) * 0.22f, cy = (y0 + y1) / 2;
                d->AddQuadFilled({x0, cy - r}, {x0 + r, cy}, {x0, cy + r}, {x0 - r, cy}, colour);
            }
            ++i;
            continue;
        }
        if (x1 - x0 < fold_pixels && s.status != task_status::running) {
            // Fold: the segments that end within the next few pixels become one
            // mark; jump to the one that reaches past them.
            std::size_t next = model.segment_at(id, model.position_at(sx.value(x0 + fold_pixels), axis));
            if (next > i + 1) {
                fill(x0, x0 + fold_pixels, ImGui::GetColorU32(ImGuiCol_TextDisabled), s.begin);
                i = next;
                continue;
            }
        }
        if (x1 - x0 < 2) {  // zero-length on the time axis: a thin bar, centred
            float c = (x0 + x1) / 2;
            x0 = c - 1.5f;
            x1 = c + 1.5f;
        }
        if (!hide_future && s.begin < playhead && s.end > playhead) {
            float split = sx.px(model.x(playhead, axis));
            fill(x0, split, colour, s.begin);
            fill(split, x1, colour, playhead);
        } else if (hide_future && s.begin < playhead && s.end > playhead) {
            fill(x0, sx.px(model.x(playhead, axis)), colour, s.begin);
        } else {
            fill(x0, x1, colour, s.begin);
        }
        if (probe().detailed) probe().rect(fmt::format("segment:{}:{}", id, i), {x0, y0 + pad}, {x1, y1 - pad});
        if (s.status == task_status::waiting && s.detail && (!hide_future || s.begin < playhead)) {
            std::string_view text = a.trace().strings[s.detail];
            float tw = ImGui::CalcTextSize(text.data(), text.data() + text.size()).x;
            float visible0 = std::max(x0, left), visible1 = std::min(x1, right);
            if (hide_future && s.end > playhead) visible1 = std::min(visible1, sx.px(model.x(playhead, axis)));
            if (visible1 - visible0 > tw + 8)
                d->AddText({visible0 + 4, (y0 + y1 - ImGui::GetTextLineHeight()) / 2}, text_on(colour),
                           text.data(), text.data() + text.size());
        }
        ++i;
    }
}

void draw_arrows(app& a, const x_scale& sx, float lanes_top, float lane_height, int first_lane, int last_lane) {
    if (!a.view.show_arrows) return;
    ImDrawList* d = ImGui::GetWindowDrawList();
    auto axis = a.view.axis;
    const auto& model = a.timeline();
    int drawn = 0;
    for (const auto& ar : model.arrows()) {
        if (a.view.reveal_as_you_step && ar.to_position > a.position()) continue;
        int from = int(ar.from) - 1, to = int(ar.to) - 1;
        if (std::max(from, to) < first_lane || std::min(from, to) > last_lane) continue;
        float x0 = sx.px(model.x(ar.from_position, axis)), x1 = sx.px(model.x(ar.to_position, axis));
        if (std::max(x0, x1) < sx.left || std::min(x0, x1) > sx.left + sx.width) continue;
        float y0 = lanes_top + (float(from) + 0.5f) * lane_height, y1 = lanes_top + (float(to) + 0.5f) * lane_height;
        ImU32 colour = ar.kind == sim::arrow_kind::cancel ? status_colour(task_status::cancelled, a.view.theme.palette)
                                                          : ImGui::GetColorU32(ImGuiCol_Text, 0.45f);
        d->AddBezierCubic({x0, y0}, {x0 + 12, y0}, {x1 - 12, y1}, {x1, y1}, colour, 1.3f);
        float h = lane_height * 0.18f, dir = y1 >= y0 ? 1.0f : -1.0f;
        d->AddTriangleFilled({x1, y1}, {x1 - h, y1 - dir * h * 1.6f}, {x1 + h, y1 - dir * h * 1.6f}, colour);
        if (++drawn == max_arrows) break;  // beyond that they are clutter, not information
    }
}

void show_tooltip(app& a, task_id id, std::size_t position) {
    const auto& model = a.timeline();
    const auto& lane = model.segments(id);
    if (lane.empty()) return;
    const segment& s = lane[model.segment_at(id, position)];
    const auto& p = a.playback();
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(lane_label(a, id).c_str());
    std::string_view status = sim::to_string(s.status);
    std::string detail = s.detail ? std::string(a.trace().strings[s.detail]) : std::string();
    if (s.status == task_status::waiting && !detail.empty())
        ImGui::Text("waiting on %s", detail.c_str());
    else if (sim::is_terminal(s.status) && !detail.empty())
        ImGui::Text("%.*s: %s", int(status.size()), status.data(), detail.c_str());
    else
        ImGui::Text("%.*s", int(status.size()), status.data());
    ImGui::TextDisabled("from event %u (t = %.3f s, iteration %u)", s.begin, p.time_at(s.begin), p.iteration_at(s.begin));
    if (!sim::is_terminal(s.status))
        ImGui::TextDisabled("to event %u (t = %.3f s, iteration %u)", s.end, p.time_at(s.end), p.iteration_at(s.end));
    ImGui::TextDisabled("Click to move the playhead here");
    ImGui::EndTooltip();
}

}  // namespace

std::string lane_label(const app& a, task_id id) { return a.trace().task_label(id); }

namespace {

float lane_label_indent(const app& a, task_id id) {
    return float(std::min(a.timeline().depth(id), 6)) * ImGui::GetFontSize() * 0.7f;
}

/// Wide enough for the labels of the first lanes (swatch and indent
/// included): measuring every lane of a 10,000-task trace each frame would cost
/// more than it shows.
float label_column_width(const app& a) {
    const float font = ImGui::GetFontSize();
    float widest = font * 8;
    auto lanes = std::min<std::size_t>(a.timeline().lanes(), 64);
    for (std::size_t i = 0; i < lanes; ++i) {
        auto id = task_id(i + 1);
        widest = std::max(widest, lane_label_indent(a, id) + ImGui::CalcTextSize(lane_label(a, id).c_str()).x);
    }
    return widest + font * 1.6f;  // the swatch, its gap and a margin
}

}  // namespace

void draw_timeline_panel(app& a, panel_rect r) {
    if (!begin_panel("Timeline", r)) {
        ImGui::End();
        return;
    }
    draw_legend(a);
    const auto& model = a.timeline();
    const float font = ImGui::GetFontSize();
    const float lane_height = std::round(font * 1.6f);
    const float label_width = std::min(label_column_width(a), ImGui::GetContentRegionAvail().x * 0.35f);
    const float ruler_height = ImGui::GetTextLineHeightWithSpacing();

    auto axis = a.view.axis;
    double end = std::max(model.end(axis), 1e-9);
    auto& range = a.range;
    if (range.fit || range.x1 <= range.x0) {
        range.x0 = -end * 0.02;
        range.x1 = end * 1.04;
    }

    ImVec2 origin = ImGui::GetCursorScreenPos();
    float plot_width = ImGui::GetContentRegionAvail().x - label_width - ImGui::GetStyle().ScrollbarSize;
    x_scale sx{range.x0, range.x1, origin.x + label_width, plot_width};
    draw_ruler(a, sx, origin, ruler_height);
    ImGui::Dummy({1, ruler_height});

    ImGui::BeginChild("##lanes", {0, 0}, false, ImGuiWindowFlags_NoScrollWithMouse);
    ImDrawList* d = ImGui::GetWindowDrawList();
    ImVec2 top = ImGui::GetCursorScreenPos();
    float lanes_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight();
    int lanes = int(model.lanes());
    ImGuiListClipper clipper;
    clipper.Begin(lanes, lane_height);
    int first_lane = lanes, last_lane = -1;
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            auto id = task_id(i + 1);
            ImVec2 row = ImGui::GetCursorScreenPos();
            first_lane = std::min(first_lane, i);
            last_lane = std::max(last_lane, i);
            if (i % 2) d->AddRectFilled(row, {row.x + label_width + plot_width, row.y + lane_height},
                                         ImGui::GetColorU32(ImGuiCol_TableRowBgAlt));
            float indent = lane_label_indent(a, id);
            float swatch = font * 0.55f;
            d->AddRectFilled({row.x + indent + 2, row.y + (lane_height - swatch) / 2},
                             {row.x + indent + 2 + swatch, row.y + (lane_height + swatch) / 2}, task_colour(id), 2);
            std::string label = lane_label(a, id);
            ImVec4 clip{row.x, row.y, row.x + label_width - 4, row.y + lane_height};
            d->AddText(nullptr, 0, {row.x + indent + swatch + 6, row.y + (lane_height - font) / 2},
                       ImGui::GetColorU32(ImGuiCol_Text), label.c_str(), nullptr, 0, &clip);
            d->PushClipRect({sx.left, row.y}, {sx.left + sx.width, row.y + lane_height}, true);
            draw_lane(a, id, sx, row.y, row.y + lane_height);
            d->PopClipRect();
            probe().rect(fmt::format("lane:{}", id), {sx.left, row.y}, {sx.left + sx.width, row.y + lane_height});
            ImGui::Dummy({label_width + plot_width, lane_height});
        }
    }
    clipper.End();

    d->PushClipRect({sx.left, top.y}, {sx.left + sx.width, lanes_bottom}, true);
    draw_arrows(a, sx, top.y, lane_height, first_lane, last_lane);
    float playhead_x = sx.px(model.x(a.position(), axis));
    float bottom = std::min(lanes_bottom, top.y + float(lanes) * lane_height);
    d->AddLine({playhead_x, origin.y}, {playhead_x, bottom}, accent_colour(a.view.theme.dark), 2.0f);
    d->PopClipRect();
    probe().rect("playhead", {playhead_x, origin.y}, {playhead_x, bottom});
    probe().rect("timeline", r.pos, {r.pos.x + r.size.x, r.pos.y + r.size.y});

    // Mouse: wheel zooms around the pointer, drag pans, a click moves the playhead.
    ImGuiIO& io = ImGui::GetIO();
    bool over_plot = ImGui::IsWindowHovered() && io.MousePos.x >= sx.left && io.MousePos.x <= sx.left + sx.width;
    if (over_plot && io.MouseWheel != 0) range.zoom(std::pow(0.85, double(io.MouseWheel)), sx.value(io.MousePos.x));
    if (over_plot && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 4)) {
        double dx = double(io.MouseDelta.x) / sx.width * (range.x1 - range.x0);
        range.fit = false;
        range.x0 -= dx;
        range.x1 -= dx;
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
    }
    if (over_plot) {
        int lane = int((io.MousePos.y - top.y) / lane_height);
        std::size_t position = model.position_at(sx.value(io.MousePos.x), axis);
        if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && io.MouseDragMaxDistanceSqr[0] < 16) {
            a.seek(position);
            if (lane >= 0 && lane < lanes) a.selected_task = task_id(lane + 1);
        } else if (lane >= 0 && lane < lanes && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            show_tooltip(a, task_id(lane + 1), position);
        }
    }
    ImGui::EndChild();
    ImGui::End();
}

}  // namespace loopscope::ui
