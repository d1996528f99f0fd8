// The timeline: one lane per task in creation order (indented under its
// parent), coloured by status, timers on the lanes (armed -> due), arrows for
// what caused what, and the playhead. Drawing follows Tracy: per lane,
// binary-search the first visible segment, fold runs narrower than a few
// pixels into one mark and jump past them, draw only visible lanes.
//
// [SECTION] scale and ruler
// [SECTION] lanes
// [SECTION] arrows
// [SECTION] panel
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "panels.hpp"

namespace loopscope::ui {

namespace {

float ruler_row_height() { return ImGui::GetTextLineHeight() + 4; }

using sim::segment;
using sim::task_status;

constexpr float fold_pixels = 3.0f;
constexpr int max_arrows = 400;

/// The smallest lane that holds its label.
float lane_height() { return std::round(std::max(ImGui::GetFontSize() * 1.2f, ImGui::GetFontSize() + 6)); }

/// Lanes grow to fill the room under the ruler, up to twice their smallest
/// height: a three-task lesson on a large screen gets bars a class can see.
float fitted_lane_height(float room, std::size_t lanes) {
    return std::floor(std::clamp(room / float(std::max<std::size_t>(lanes, 1)), lane_height(), lane_height() * 2));
}

/// The future is dimmed to this alpha (0..255) unless it is hidden.
constexpr unsigned future_alpha = 70;

ImU32 dimmed(ImU32 colour) { return (colour & 0x00ffffff) | (future_alpha << IM_COL32_A_SHIFT); }

// [SECTION] scale and ruler

/// Maps axis values to screen x and back.
struct x_scale {
    double x0, x1;
    float left, width;
    [[nodiscard]] float px(double x) const { return left + float((x - x0) / (x1 - x0)) * width; }
    [[nodiscard]] double value(float screen_x) const { return x0 + double(screen_x - left) / width * (x1 - x0); }
};

std::string time_label(double seconds) { return fmt::format("{:g} s", std::abs(seconds) < 1e-9 ? 0.0 : seconds); }

/// Round steps of the axis for ticks (1, 2, 5 x 10^n), at least one label wide.
double tick_step(const x_scale& sx, bool whole) {
    double span = sx.x1 - sx.x0;
    double raw = span / std::max(2.0, double(sx.width) / (ImGui::GetFontSize() * 6));
    double power = std::pow(10.0, std::floor(std::log10(raw)));
    double step = power;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power >= raw) {
            step = m * power;
            break;
        }
    return whole ? std::max(1.0, std::round(step)) : step;
}

void draw_ruler(const app& a, const x_scale& sx, ImVec2 min, float height, float lanes_bottom) {
    ImDrawList* d = ImGui::GetWindowDrawList();
    // Revealing as you step, the ruler says nothing of when later things happen.
    const float last_x = a.view.reveal_as_you_step ? sx.px(a.timeline().x(a.position(), a.view.axis)) : sx.left + sx.width;
    ImU32 tick = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    ImU32 grid = ImGui::GetColorU32(ImGuiCol_Separator, 0.5f);
    const auto& model = a.timeline();
    d->PushClipRect({sx.left, min.y}, {sx.left + sx.width, lanes_bottom}, true);
    if (a.view.axis == sim::timeline_axis::steps) {
        // Each instant opens up into its steps: a grid line where it begins,
        // labelled with its time when there is room for the label.
        float last_label_end = -1e9f;
        for (const auto& instant : model.instants()) {
            float x = sx.px(instant.x);
            if (x < sx.left - 200 || x > last_x) continue;
            d->AddLine({x, min.y + height * 0.6f}, {x, lanes_bottom}, grid);
            std::string label = time_label(instant.time);
            if (x + 3 > last_label_end) {
                d->AddText({x + 3, min.y}, tick, label.c_str());
                last_label_end = x + 3 + ImGui::CalcTextSize(label.c_str()).x + ImGui::GetFontSize() * 0.5f;
            }
        }
    } else {
        bool time = a.view.axis == sim::timeline_axis::time;
        double step = tick_step(sx, !time);
        for (double v = std::ceil(sx.x0 / step) * step; v <= sx.x1; v += step) {
            float x = sx.px(v);
            if (x > last_x) break;
            d->AddLine({x, min.y + height * 0.6f}, {x, min.y + height}, tick);
            std::string label = time ? time_label(v) : fmt::format("{:g}", std::abs(v) < 1e-9 ? 0.0 : v);
            d->AddText({x + 3, min.y}, tick, label.c_str());
        }
    }
    d->PopClipRect();
}

const char* axis_name(sim::timeline_axis axis) {
    switch (axis) {
        case sim::timeline_axis::steps: return "time, each step shown";
        case sim::timeline_axis::time: return "virtual time";
        case sim::timeline_axis::iterations: return "loop iteration";
    }
    return "";
}

// [SECTION] lanes

/// Draws one lane's segments between the axis ends visible, the future dimmed or hidden.
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
    const float playhead_x = sx.px(model.x(playhead, axis));
    // The segment the event at the playhead began (outlined: what it changed).
    const sim::event* last = playhead > 0 ? &a.trace()[playhead - 1] : nullptr;
    const bool changed_here = last && last->task == id;

    auto fill = [&](float x0, float x1, ImU32 colour, bool future) {
        if (x1 < left || x0 > right || (future && hide_future)) return;
        d->AddRectFilled({std::max(x0, left), y0 + pad}, {std::min(x1, right), y1 - pad}, future ? dimmed(colour) : colour, 2);
    };

    std::size_t first = model.segment_at(id, model.position_at(sx.x0, axis));
    for (std::size_t i = first; i < lane.size();) {
        const segment& s = lane[i];
        double bx = model.x(s.begin, axis);
        if (sx.px(bx) > right) break;
        float x0 = sx.px(bx), x1 = sx.px(model.x(s.end, axis));
        ImU32 colour = status_colour(s.status, a.view.theme.palette);
        const bool future = s.begin > playhead;
        if (sim::is_terminal(s.status)) {  // the end of the lane: a diamond
            if (!(future && hide_future)) {
                float r = (y1 - y0) * 0.22f, cy = (y0 + y1) / 2;
                d->AddQuadFilled({x0, cy - r}, {x0 + r, cy}, {x0, cy + r}, {x0 - r, cy}, future ? dimmed(colour) : colour);
                if (probe().detailed) probe().rect(fmt::format("end:{}", id), {x0 - r, cy - r}, {x0 + r, cy + r});
            }
            ++i;
            continue;
        }
        if (x1 - x0 < fold_pixels && s.status != task_status::running) {
            // Fold: the segments that end within the next few pixels become one
            // mark; jump to the one that reaches past them.
            std::size_t next = model.segment_at(id, model.position_at(sx.value(x0 + fold_pixels), axis));
            if (next > i + 1) {
                fill(x0, x0 + fold_pixels, ImGui::GetColorU32(ImGuiCol_TextDisabled), future);
                i = next;
                continue;
            }
        }
        if (x1 - x0 < 3) {  // zero-length on the time axis: a thin bar, centred
            float c = (x0 + x1) / 2;
            x0 = c - 1.5f;
            x1 = c + 1.5f;
        }
        if (s.begin < playhead && s.end > playhead) {  // the playhead cuts it: past and future halves
            fill(x0, playhead_x, colour, false);
            fill(playhead_x, x1, colour, true);
        } else {
            fill(x0, x1, colour, future);
        }
        if (changed_here && s.begin == playhead) {
            d->AddRect({x0 - 1, y0 + pad - 2}, {x1 + 1, y1 - pad + 2}, accent_colour(a.view.theme.dark), 2, 0, 2.5f);
            probe().rect("changed:segment", {x0, y0 + pad}, {x1, y1 - pad});
        }
        if (probe().detailed) probe().rect(fmt::format("segment:{}:{}", id, i), {x0, y0 + pad}, {x1, y1 - pad});
        if (s.status == task_status::waiting && s.detail && !(future && hide_future)) {
            std::string text = shown_text(a, s.detail);
            float tw = ImGui::CalcTextSize(text.c_str()).x;
            float visible0 = std::max(x0, left), visible1 = std::min(x1, right);
            if (hide_future && s.end > playhead) visible1 = std::min(visible1, playhead_x);
            ImU32 ink = text_on(colour);
            if (visible1 - visible0 > tw + 8)
                d->AddText({visible0 + 4, (y0 + y1 - ImGui::GetTextLineHeight()) / 2}, future ? dimmed(ink) : ink,
                           text.c_str());
        }
        ++i;
    }
}

/// The timers a task armed, on its lane: a line from arming to due, a tick at the due end.
void draw_lane_timers(app& a, task_id id, const x_scale& sx, float y0, float y1) {
    ImDrawList* d = ImGui::GetWindowDrawList();
    const auto& model = a.timeline();
    const auto axis = a.view.axis;
    const std::size_t playhead = a.position();
    const float y = y1 - (y1 - y0) * 0.08f;
    const ImU32 colour = ImGui::GetColorU32(ImGuiCol_Text, 0.75f);
    for (const auto& timer : a.timers()) {
        if (timer.armed_by != id || (a.view.reveal_as_you_step && timer.armed_at > playhead)) continue;
        float x0 = sx.px(model.x(timer.armed_at, axis));
        std::uint32_t end = timer.ended_at;
        if (a.view.reveal_as_you_step) end = std::min<std::uint32_t>(end, std::uint32_t(playhead));
        float x1 = sx.px(model.x(end, axis));
        if (x1 < sx.left || x0 > sx.left + sx.width) continue;
        ImU32 c = timer.armed_at > playhead ? dimmed(colour) : colour;
        d->AddLine({x0, y}, {x1, y}, c, 1.5f);
        if (end == timer.ended_at && !timer.cancelled)
            d->AddLine({x1, y - (y1 - y0) * 0.3f}, {x1, y}, c, 2.0f);  // due
        if (probe().detailed) probe().rect(fmt::format("timer:{}:{}", id, timer.handle), {x0, y - 2}, {x1, y + 2});
    }
}

// [SECTION] arrows

/// How an arrow looks: wake-ups solid with a filled head, spawns dashed, cancels in the cancelled colour with a cross.
void draw_arrow(ImDrawList* d, ImVec2 from, ImVec2 to, sim::arrow_kind kind, ImU32 colour, float thickness, float head) {
    using sim::arrow_kind;
    ImVec2 c0{from.x + 12, from.y}, c1{to.x - 12, to.y};
    if (kind == arrow_kind::spawn) {
        // Dashed: the bezier in short pieces, every other one drawn.
        constexpr int pieces = 16;
        auto at = [&](float t) {
            float u = 1 - t;
            return ImVec2{u * u * u * from.x + 3 * u * u * t * c0.x + 3 * u * t * t * c1.x + t * t * t * to.x,
                          u * u * u * from.y + 3 * u * u * t * c0.y + 3 * u * t * t * c1.y + t * t * t * to.y};
        };
        for (int i = 0; i < pieces; i += 2) d->AddLine(at(float(i) / pieces), at(float(i + 1) / pieces), colour, thickness);
    } else {
        d->AddBezierCubic(from, c0, c1, to, colour, thickness);
    }
    if (kind == arrow_kind::cancel) {
        d->AddLine({to.x - head, to.y - head}, {to.x + head, to.y + head}, colour, thickness + 1);
        d->AddLine({to.x - head, to.y + head}, {to.x + head, to.y - head}, colour, thickness + 1);
        return;
    }
    float dir = to.y >= from.y ? 1.0f : -1.0f;
    if (std::abs(to.y - from.y) < 1)  // along a lane: the head points right
        d->AddTriangleFilled(to, {to.x - head * 1.6f, to.y - head}, {to.x - head * 1.6f, to.y + head}, colour);
    else
        d->AddTriangleFilled(to, {to.x - head, to.y - dir * head * 1.6f}, {to.x + head, to.y - dir * head * 1.6f}, colour);
}

const char* arrow_name(sim::arrow_kind kind) {
    switch (kind) {
        case sim::arrow_kind::spawn: return "spawn";
        case sim::arrow_kind::wake: return "wake";
        case sim::arrow_kind::cancel: return "cancel";
    }
    return "";
}

ImU32 arrow_colour(const app& a, sim::arrow_kind kind) {
    switch (kind) {
        case sim::arrow_kind::cancel: return status_colour(task_status::cancelled, a.view.theme.palette);
        case sim::arrow_kind::spawn: return ImGui::GetColorU32(ImGuiCol_TextDisabled);
        case sim::arrow_kind::wake: return ImGui::GetColorU32(ImGuiCol_Text, 0.8f);
    }
    return 0;
}

/// Arrows between visible lanes: spawns, wake-ups from the task whose step
/// caused them, cancels, and wake-ups from a timer's due end. The focused
/// task's (selected or hovered) stand out; the others step back.
void draw_arrows(app& a, const x_scale& sx, float lanes_top, float lh, int first_lane, int last_lane, task_id focus) {
    if (!a.view.show_arrows) return;
    ImDrawList* d = ImGui::GetWindowDrawList();
    const auto axis = a.view.axis;
    const auto& model = a.timeline();
    const bool hide_future = a.view.reveal_as_you_step;
    auto lane_y = [&](task_id id) { return lanes_top + (float(id) - 0.5f) * lh; };
    int drawn = 0;
    auto draw = [&](sim::arrow_kind kind, task_id from, task_id to, std::size_t from_position, std::size_t to_position,
                    const std::string& name) {
        if (hide_future && to_position > a.position()) return;
        int lo = int(std::min(from, to)) - 1, hi = int(std::max(from, to)) - 1;
        if (hi < first_lane || lo > last_lane) return;
        float x0 = sx.px(model.x(from_position, axis)), x1 = sx.px(model.x(to_position, axis));
        if (std::max(x0, x1) < sx.left || std::min(x0, x1) > sx.left + sx.width) return;
        bool focused = focus && (from == focus || to == focus);
        ImU32 colour = arrow_colour(a, kind);
        if (focus && !focused) colour = (colour & 0x00ffffff) | (60u << IM_COL32_A_SHIFT);
        if (to_position > a.position() && !focused) colour = dimmed(colour);
        draw_arrow(d, {x0, lane_y(from)}, {x1, lane_y(to)}, kind, focused ? accent_colour(a.view.theme.dark) : colour,
                   focused ? 2.5f : 1.3f, lh * 0.16f);
        if (probe().detailed) probe().rect(name, {std::min(x0, x1), std::min(lane_y(from), lane_y(to))},
                                           {std::max(x0, x1), std::max(lane_y(from), lane_y(to))});
        ++drawn;
    };
    const auto& arrows = model.arrows();
    for (std::size_t i = 0; i < arrows.size() && drawn < max_arrows; ++i) {
        const auto& ar = arrows[i];
        draw(ar.kind, ar.from, ar.to, ar.from_position, ar.to_position,
             fmt::format("arrow:{}:{}:{}:{}", arrow_name(ar.kind), ar.from, ar.to, i));
    }
    // A timer's wake-up starts where the timer came due, on the lane of the task that armed it.
    for (const auto& timer : a.timers()) {
        if (drawn >= max_arrows) break;  // beyond that they are clutter, not information
        if (!timer.woke || !timer.woke_step || timer.cancelled || !timer.armed_by) continue;
        draw(sim::arrow_kind::wake, timer.armed_by, timer.woke, timer.ended_at, timer.woke_step - 1,
             fmt::format("arrow:timer:{}:{}:{}", timer.armed_by, timer.woke, timer.handle));
    }
}

void draw_legend(const app& a) {
    ImDrawList* d = ImGui::GetWindowDrawList();
    const float font = ImGui::GetFontSize();
    float box = ImGui::GetTextLineHeight() * 0.8f;
    auto label = [&](std::string_view name) {
        ImGui::SameLine(0, 4);
        ImGui::TextUnformatted(name.data(), name.data() + name.size());
    };
    for (int i = 0; i < sim::task_status_count; ++i) {
        auto s = task_status(i);
        if (i) same_line_or_wrap(box + ImGui::CalcTextSize(sim::to_string(s).data()).x + font);
        ImVec2 at = ImGui::GetCursorScreenPos();
        float y = at.y + (ImGui::GetTextLineHeight() - box) / 2;
        d->AddRectFilled({at.x, y}, {at.x + box, y + box}, status_colour(s, a.view.theme.palette), 2);
        ImGui::Dummy({box, box});
        label(sim::to_string(s));
    }
    using sim::arrow_kind;
    for (auto [kind, name] : {std::pair{arrow_kind::wake, "woke (from its cause)"}, std::pair{arrow_kind::spawn, "created"},
                              std::pair{arrow_kind::cancel, "cancelled"}}) {
        same_line_or_wrap(font * 2 + ImGui::CalcTextSize(name).x + font);
        ImVec2 at = ImGui::GetCursorScreenPos();
        float y = at.y + ImGui::GetTextLineHeight() / 2;
        draw_arrow(d, {at.x, y}, {at.x + font * 1.8f, y}, kind, arrow_colour(a, kind), 1.5f, font * 0.2f);
        ImGui::Dummy({font * 2, box});
        label(name);
    }
    same_line_or_wrap(font * 2 + ImGui::CalcTextSize("timer, armed -> due").x);
    ImVec2 at = ImGui::GetCursorScreenPos();
    float y = at.y + ImGui::GetTextLineHeight() * 0.7f;
    ImU32 timer = ImGui::GetColorU32(ImGuiCol_Text, 0.75f);
    d->AddLine({at.x, y}, {at.x + font * 1.8f, y}, timer, 1.5f);
    d->AddLine({at.x + font * 1.8f, y - font * 0.4f}, {at.x + font * 1.8f, y}, timer, 2.0f);
    ImGui::Dummy({font * 2, box});
    label("timer, armed -> due");
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
    std::string detail = s.detail ? shown_text(a, s.detail) : std::string();
    if (s.status == task_status::waiting && !detail.empty())
        ImGui::Text("waiting on %s", detail.c_str());
    else if (sim::is_terminal(s.status) && !detail.empty())
        ImGui::Text("%.*s: %s", int(status.size()), status.data(), detail.c_str());
    else
        ImGui::Text("%.*s", int(status.size()), status.data());
    ImGui::TextDisabled("from event %u (t = %.3f s, iteration %u)", s.begin, p.time_at(s.begin), p.iteration_at(s.begin));
    if (!sim::is_terminal(s.status))
        ImGui::TextDisabled("to event %u (t = %.3f s, iteration %u)", s.end, p.time_at(s.end), p.iteration_at(s.end));
    ImGui::TextDisabled("Click to move the playhead here and select the task");
    ImGui::EndTooltip();
}

float lane_label_indent(const app& a, task_id id) {
    return float(std::min(a.timeline().depth(id), 6)) * ImGui::GetFontSize() * 0.7f;
}

/// Wide enough for the labels of the first lanes (indent included):
/// measuring every lane of a 10,000-task trace each frame would cost more
/// than it shows.
float label_column_width(const app& a) {
    const float font = ImGui::GetFontSize();
    float widest = font * 8;
    auto lanes = std::min<std::size_t>(a.timeline().lanes(), 64);
    for (std::size_t i = 0; i < lanes; ++i) {
        auto id = task_id(i + 1);
        widest = std::max(widest, lane_label_indent(a, id) + ImGui::CalcTextSize(lane_label(a, id).c_str()).x);
    }
    return widest + font;
}

}  // namespace

// [SECTION] panel

float timeline_wanted_height(const app& a) {
    return 3 * 2 + ruler_row_height() + float(a.timeline().lanes()) * lane_height() + 1;
}

void draw_timeline(app& a) {
    const ImVec2 panel_min = ImGui::GetWindowPos(), panel_size = ImGui::GetWindowSize();
    const auto& model = a.timeline();
    const float font = ImGui::GetFontSize();
    const auto axis = a.view.axis;
    const double end = std::max(model.end(axis), 1e-9);
    auto& range = a.range;
    if (range.fit || range.x1 <= range.x0) range.fit_to(0, end);

    // The legend only when every lane fits with it: lanes come first.
    float spare = panel_size.y - timeline_wanted_height(a);
    // Its height (it wraps) is measured when drawn; until then, two lines.
    static float legend_height = 0;
    if (legend_height == 0) legend_height = ImGui::GetTextLineHeightWithSpacing() * 2;
    if (spare > legend_height + ImGui::GetStyle().ItemSpacing.y) {
        float before = ImGui::GetCursorPosY();
        draw_legend(a);
        legend_height = ImGui::GetCursorPosY() - before;
    }

    const float ruler_height = ruler_row_height();
    const float lh = fitted_lane_height(ImGui::GetContentRegionAvail().y - ruler_height - 1, model.lanes());
    const float label_width = std::min(label_column_width(a), ImGui::GetContentRegionAvail().x * 0.4f);
    ImVec2 origin = ImGui::GetCursorScreenPos();
    float plot_width = std::max(ImGui::GetContentRegionAvail().x - label_width - ImGui::GetStyle().ScrollbarSize, 1.0f);
    x_scale sx{range.x0, range.x1, origin.x + label_width, plot_width};
    const float panel_bottom = panel_min.y + panel_size.y;
    // The axis' name in the label column, shortened when the column is narrow.
    std::string name = fmt::format("{} ->", axis_name(axis));
    if (ImGui::CalcTextSize(name.c_str()).x > label_width - font * 0.5f) name = axis == sim::timeline_axis::iterations ? "iteration ->" : "time ->";
    ImGui::GetWindowDrawList()->AddText({origin.x, origin.y}, ImGui::GetColorU32(ImGuiCol_TextDisabled), name.c_str());
    draw_ruler(a, sx, origin, ruler_height, panel_bottom);
    ImGui::SetCursorScreenPos({origin.x, origin.y + ruler_height});  // the lanes right under the ruler

    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {ImGui::GetStyle().ItemSpacing.x, 0});  // lanes touch: row i at i * lh
    ImGui::BeginChild("##lanes", {0, 0}, false, ImGuiWindowFlags_NoScrollWithMouse);
    ImDrawList* d = ImGui::GetWindowDrawList();
    ImVec2 top = ImGui::GetCursorScreenPos();
    float lanes_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight();
    ImGuiIO& io = ImGui::GetIO();
    bool over_plot = ImGui::IsWindowHovered() && io.MousePos.x >= sx.left && io.MousePos.x <= sx.left + sx.width;
    // Revealing as you step, a task has no lane before it is created.
    int lanes = int(a.view.reveal_as_you_step ? a.state().tasks.size() : model.lanes());
    int hovered_lane = ImGui::IsWindowHovered() ? int(std::floor((io.MousePos.y - top.y) / lh)) : -1;
    if (hovered_lane >= lanes) hovered_lane = -1;
    task_id focus = hovered_lane >= 0 ? task_id(hovered_lane + 1) : a.selected_task;
    ImGuiListClipper clipper;
    clipper.Begin(lanes, lh);
    int first_lane = lanes, last_lane = -1;
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            auto id = task_id(i + 1);
            ImVec2 row = ImGui::GetCursorScreenPos();
            first_lane = std::min(first_lane, i);
            last_lane = std::max(last_lane, i);
            ImVec2 row_end{row.x + label_width + plot_width, row.y + lh};
            if (id == focus)
                d->AddRectFilled(row, row_end, ImGui::GetColorU32(ImGuiCol_Header));
            else if (i % 2)
                d->AddRectFilled(row, row_end, ImGui::GetColorU32(ImGuiCol_TableRowBgAlt));
            std::string label = lane_label(a, id);
            ImVec4 clip{row.x, row.y, row.x + label_width - 4, row.y + lh};
            d->AddText(nullptr, 0, {row.x + lane_label_indent(a, id) + 2, row.y + (lh - font) / 2},
                       ImGui::GetColorU32(ImGuiCol_Text), label.c_str(), nullptr, 0, &clip);
            d->PushClipRect({sx.left, row.y}, {sx.left + sx.width, row.y + lh}, true);
            draw_lane(a, id, sx, row.y, row.y + lh);
            draw_lane_timers(a, id, sx, row.y, row.y + lh);
            d->PopClipRect();
            probe().rect(fmt::format("lane:{}", id), {sx.left, row.y}, {sx.left + sx.width, row.y + lh});
            ImGui::Dummy({label_width + plot_width, lh});
        }
    }
    clipper.End();

    d->PushClipRect({sx.left, top.y}, {sx.left + sx.width, lanes_bottom}, true);
    draw_arrows(a, sx, top.y, lh, first_lane, last_lane, focus);
    float playhead_x = sx.px(model.x(a.position(), axis));
    float bottom = std::min(lanes_bottom, top.y + float(lanes) * lh);
    d->AddLine({playhead_x, origin.y}, {playhead_x, bottom}, accent_colour(a.view.theme.dark), 2.0f);
    d->PopClipRect();
    probe().rect("playhead", {playhead_x, origin.y}, {playhead_x, bottom});
    probe().rect("timeline", panel_min, {panel_min.x + panel_size.x, panel_bottom});
    probe().rect("plot", {sx.left, top.y}, {sx.left + sx.width, lanes_bottom});

    // Mouse: wheel zooms around the pointer, drag pans, a click moves the playhead.
    if (over_plot && io.MouseWheel != 0)
        range.zoom(std::pow(0.85, double(io.MouseWheel)), sx.value(io.MousePos.x), 0, end);
    if (over_plot && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 4)) {
        range.pan(-double(io.MouseDelta.x) / sx.width * (range.x1 - range.x0), 0, end);
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
    }
    if (over_plot) {
        std::size_t position = model.position_at(sx.value(io.MousePos.x), axis);
        if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) && io.MouseDragMaxDistanceSqr[0] < 16) {
            a.seek(position);
            if (hovered_lane >= 0) a.selected_task = task_id(hovered_lane + 1);
        } else if (hovered_lane >= 0 && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            show_tooltip(a, task_id(hovered_lane + 1), position);
        }
    }
    ImGui::EndChild();
    ImGui::PopStyleVar();
}

}  // namespace loopscope::ui
