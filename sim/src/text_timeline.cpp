#include "loopscope/sim/text_timeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace loopscope::sim {

namespace {

char glyph(task_status s) {
    switch (s) {
        case task_status::created: return 'c';
        case task_status::scheduled: return '+';
        case task_status::running: return '#';
        case task_status::waiting: return '-';
        case task_status::done: return '*';
        case task_status::cancelled: return 'x';
        case task_status::failed: return '!';
    }
    return '?';
}

/// Which state a column shows when several happen in it: the most eventful.
int weight(task_status s) {
    switch (s) {
        case task_status::running: return 6;
        case task_status::failed: return 5;
        case task_status::cancelled: return 4;
        case task_status::done: return 3;
        case task_status::scheduled: return 2;
        case task_status::waiting: return 1;
        case task_status::created: return 0;
    }
    return 0;
}

/// Maps an event to a column along the chosen axis. The steps axis needs the
/// timeline model (its x of each position); the other two read the playback.
class axis_scale {
public:
    axis_scale(const playback& p, const timeline_model* model, timeline_axis axis, int columns)
        : m_playback(p), m_model(model), m_axis(axis), m_end(end_of(p, model, axis)), m_columns(columns) {
        // Few iterations: give each the same whole number of columns.
        if (axis == timeline_axis::iterations && m_end + 1 < columns)
            m_columns = int(m_end + 1) * std::max(1, columns / int(m_end + 1));
    }

    [[nodiscard]] int columns() const noexcept { return m_columns; }
    [[nodiscard]] int column_of(std::size_t position) const {
        switch (m_axis) {
            case timeline_axis::steps: return column_of_value(m_model->x(position, m_axis));
            case timeline_axis::time: return column_of_value(m_playback.time_at(position));
            case timeline_axis::iterations: break;
        }
        return column_of_value(m_playback.iteration_at(position));
    }
    /// The tick line above the rows: labels at round values (1, 2 or 5 times a
    /// power of ten); on the steps axis, round seconds where the clock reaches them.
    [[nodiscard]] std::string ticks() const {
        std::string line(std::size_t(m_columns + 8), ' ');
        const bool seconds = m_axis != timeline_axis::iterations;
        const double last = m_axis == timeline_axis::steps ? m_playback.time_at(m_playback.size()) : m_end;
        double step = nice_step(last / std::max(1, std::min(m_columns / 10, 6)));
        const bool steps = m_axis == timeline_axis::steps;
        std::size_t free_from = 0;  // steps axis: seconds can crowd together; a label that would overlap is left out
        for (double value = 0; value <= last + step * 1e-9 && (step > 0 || steps); value += step) {
            std::string text = seconds ? fmt::format("{:g}s", value) : fmt::format("{}", std::lround(value));
            auto column = std::size_t(column_of_value(steps ? m_model->x_at_time(value, m_axis) : value));
            if (column >= free_from || !steps) {
                line.replace(column, text.size(), text);
                free_from = column + text.size() + 1;
            }
            if (step <= 0) break;  // a trace that never left t=0: one label
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        return line;
    }

private:
    [[nodiscard]] int column_of_value(double x) const {
        if (m_end <= 0) return 0;
        if (m_axis == timeline_axis::iterations && m_end + 1 <= m_columns)
            return int(x) * (m_columns / int(m_end + 1));
        return std::clamp(int(std::floor(x / m_end * (m_columns - 1))), 0, m_columns - 1);
    }
    /// The smallest of 1, 2, 5 × 10^k that is at least `raw` (integers on the iteration axis).
    [[nodiscard]] double nice_step(double raw) const {
        if (raw <= 0) return 0;
        double power = std::pow(10.0, std::floor(std::log10(raw)));
        for (double m : {1.0, 2.0, 5.0, 10.0})
            if (m * power >= raw) return m_axis == timeline_axis::iterations ? std::max(1.0, std::ceil(m * power)) : m * power;
        return raw;
    }
    static double end_of(const playback& p, const timeline_model* model, timeline_axis axis) {
        switch (axis) {
            case timeline_axis::steps: return model->end(axis);
            case timeline_axis::time: return p.time_at(p.size());
            case timeline_axis::iterations: break;
        }
        return p.iteration_at(p.size());
    }
    const playback& m_playback;
    const timeline_model* m_model;
    timeline_axis m_axis;
    double m_end;
    int m_columns;
};

/// Paints each task's row as the states go by.
class row_painter {
public:
    /// `columns` cells for the axis plus one after it, where a task that ends in the last column shows its end.
    explicit row_painter(int columns) : m_columns(columns + 1) {}

    void paint(std::size_t task_index, task_status s, int column) {
        if (task_index >= m_rows.size()) {
            m_rows.resize(task_index + 1, row{std::string(std::size_t(m_columns), ' '), task_status::created, column});
            m_rows[task_index].cells[std::size_t(column)] = glyph(task_status::created);
        }
        row& r = m_rows[task_index];
        // The previous state lasted until this column.
        if (!is_terminal(r.state))
            for (int c = r.column + 1; c < column; ++c) r.cells[std::size_t(c)] = glyph(r.state);
        // An end shows just after the step that ended there, which keeps its running mark
        // (also in the step's last column when the step spans several).
        if (is_terminal(s) && r.state == task_status::running) {
            if (column > r.column) r.cells[std::size_t(column)] = glyph(task_status::running);
            ++column;
        }
        char& cell = r.cells[std::size_t(column)];
        if (column != r.column || cell == ' ' || weight(s) >= weight(state_of(cell))) cell = glyph(s);
        r.state = s;
        r.column = column;
    }
    /// Carries unfinished tasks to the end of the axis.
    void finish() {
        for (auto& r : m_rows)
            if (!is_terminal(r.state))
                for (int c = r.column + 1; c < m_columns - 1; ++c) r.cells[std::size_t(c)] = glyph(r.state);
    }
    [[nodiscard]] const std::string& cells(std::size_t task_index) const { return m_rows[task_index].cells; }

private:
    struct row {
        std::string cells;
        task_status state;
        int column;
    };
    static task_status state_of(char g) {
        for (int s = 0; s < task_status_count; ++s)
            if (glyph(task_status(s)) == g) return task_status(s);
        return task_status::created;
    }
    int m_columns;
    std::vector<row> m_rows;
};

}  // namespace

std::string text_timeline(playback& p, const text_timeline_options& options) {
    const trace& t = p.source();
    timeline_axis axis = options.axis;
    if (axis == timeline_axis::time && p.time_at(p.size()) == 0) axis = timeline_axis::iterations;
    std::optional<timeline_model> model;
    if (axis == timeline_axis::steps) model.emplace(t);
    axis_scale scale(p, model ? &*model : nullptr, axis, std::max(options.columns, 10));

    std::string text;
    if (!t.origin.scenario.empty()) {
        text += t.origin.scenario;
        for (std::size_t i = 0; i < t.origin.parameters.size(); ++i)
            text += fmt::format("{}{}={}", i ? ", " : "  (", t.origin.parameters[i].first, t.origin.parameters[i].second);
        text += t.origin.parameters.empty() ? "\n" : ")\n";
    }
    text += fmt::format("{:.3f} s of virtual time, {} loop iterations, {} task{}, {} events\n", p.time_at(p.size()),
                        p.iteration_at(p.size()), t.tasks.size(), t.tasks.size() == 1 ? "" : "s", t.size());
    text += "# running  + ready  - waiting  * done  x cancelled  ! failed";
    switch (axis) {
        case timeline_axis::steps: text += "   (x axis: virtual time, steps opened up)\n\n"; break;
        case timeline_axis::time: text += "   (x axis: virtual time)\n\n"; break;
        case timeline_axis::iterations: text += "   (x axis: loop iterations)\n\n"; break;
    }

    std::size_t label_width = 12;
    for (const auto& task : t.tasks) label_width = std::max(label_width, t.task_label(task.id).size() + 2);
    label_width = std::min<std::size_t>(label_width, 40);

    row_painter rows(scale.columns());
    loop_state state;
    for (std::size_t k = 0; k < t.size(); ++k) {
        state.apply(t[k]);
        task_id id = t[k].task;
        if (id == 0 || id > state.tasks.size()) continue;
        rows.paint(id - 1, state.tasks[id - 1].state, scale.column_of(k + 1));
    }
    rows.finish();

    text += std::string(label_width, ' ') + scale.ticks() + "\n";
    for (std::size_t i = 0; i < state.tasks.size(); ++i) {
        std::string label = t.task_label(task_id(i + 1));
        if (label.size() > label_width - 2) label = label.substr(0, label_width - 5) + "...";
        std::string row = fmt::format("{:<{}}{}", label, label_width, rows.cells(i));
        text += row.substr(0, row.find_last_not_of(' ') + 1) + "\n";
    }

    if (!p.outputs().empty()) text += "\noutput:\n";
    for (std::uint32_t k : p.outputs()) {
        const event& e = t[k];
        std::string who = e.task ? fmt::format("Task-{}", e.task) : std::string("loop");
        text += fmt::format("  t={:.3f}  {:<8} {}\n", t.time_at(k), who, t.strings[e.a]);
    }
    if (!p.lints().empty()) text += "\nlints:\n";
    for (const auto& l : p.lints())
        text += fmt::format("  event {} (t={:.3f}): {}: {}\n", l.event, t.time_at(l.event), to_string(l.kind), l.message);
    if (!t.stopped_early.empty()) text += fmt::format("\nstopped early: {}\n", t.stopped_early);
    return text;
}

}  // namespace loopscope::sim
