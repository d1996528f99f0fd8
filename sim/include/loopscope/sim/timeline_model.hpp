#pragma once
// The timeline as data: each task's life cut into segments of one status, the
// arrows between lanes (spawn, wake-up, cancel), and the three x axes. The UI
// draws it; tests check it without a display.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "loopscope/sim/task_status.hpp"
#include "loopscope/sim/trace.hpp"

namespace loopscope::sim {

/// A stretch of positions [begin, end) during which a task's status holds.
/// A terminal status is a segment with begin == end: the end of the lane.
struct segment {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    task_status status{};
    string_id detail = 0;  ///< waiting: what it awaits; terminal: result or exception
};

enum class arrow_kind : std::uint8_t {
    spawn,   ///< the parent created the task
    wake,    ///< a task's step completed what the other awaited
    cancel,  ///< a task cancelled another
};

struct arrow {
    arrow_kind kind{};
    task_id from = 0;
    task_id to = 0;
    std::uint32_t from_position = 0;
    std::uint32_t to_position = 0;
};

enum class timeline_axis : std::uint8_t {
    steps,       ///< virtual time with each instant opened up into the steps and callbacks that ran in it
    time,        ///< virtual seconds: everything in one iteration is at one instant
    iterations,  ///< loop iterations, each spread over its events: interleaving shows
};

/// "steps", "time", "iterations" (the command line's --axis words).
[[nodiscard]] std::string_view to_string(timeline_axis axis) noexcept;

/// One virtual time on the steps axis: positions from `begin` on are at
/// `time`, drawn from x = `x` to x = `x_end`. Between one instant's x_end and
/// the next one's x the clock moves (the loop slept, or a step blocked it).
struct instant {
    double time = 0;          ///< virtual seconds
    std::uint32_t begin = 0;  ///< the first position at this time
    double x = 0;             ///< where the instant starts on the steps axis
    double x_end = 0;         ///< where it ends: the clock moves on from here
};

class timeline_model {
public:
    explicit timeline_model(const trace& t);

    /// segments(task)[i] for Task-(task): in order, touching, covering its life.
    [[nodiscard]] const std::vector<segment>& segments(task_id task) const { return m_lanes.at(task - 1); }
    [[nodiscard]] std::size_t lanes() const noexcept { return m_lanes.size(); }
    [[nodiscard]] const std::vector<arrow>& arrows() const noexcept { return m_arrows; }
    /// Nesting depth: 0 for a task without parent, parent's depth + 1 otherwise.
    [[nodiscard]] int depth(task_id task) const { return m_depth.at(task - 1); }

    /// Where a position sits on an axis.
    [[nodiscard]] double x(std::size_t position, timeline_axis axis) const noexcept;
    /// The axis' extent: x(size()).
    [[nodiscard]] double end(timeline_axis axis) const noexcept { return x(m_trace.size(), axis); }
    /// The position whose x is closest to `value` from below (for clicks).
    [[nodiscard]] std::size_t position_at(double value, timeline_axis axis) const noexcept;
    /// The index of the segment of `task` at position p (clamped to the lane).
    [[nodiscard]] std::size_t segment_at(task_id task, std::size_t position) const;

    /// Each virtual time of the trace in order, with where it lies on the
    /// steps axis: the ruler writes "0 s", "1 s" at their x.
    [[nodiscard]] const std::vector<instant>& instants() const noexcept { return m_instants; }
    /// Where the clock reads `seconds` on an axis: on the steps axis an
    /// instant's start, or a point inside the jump that passes it; on the
    /// iterations axis the first position at that time. Non-decreasing in `seconds`.
    [[nodiscard]] double x_at_time(double seconds, timeline_axis axis) const noexcept;

    /// Steps-axis units: a task step or a callback is `step_width` wide, each
    /// loop iteration adds `iteration_width` between the steps, a second of
    /// virtual time adds units_per_second() (chosen per trace).
    static constexpr double step_width = 1.0;
    static constexpr double iteration_width = 0.25;
    [[nodiscard]] double units_per_second() const noexcept { return m_units_per_second; }

private:
    void lay_out_steps();

    const trace& m_trace;
    std::vector<std::vector<segment>> m_lanes;
    std::vector<arrow> m_arrows;
    std::vector<int> m_depth;
    std::vector<double> m_steps_x;  ///< x(position, steps) for positions 0..size()
    std::vector<instant> m_instants;
    double m_units_per_second = 1;
};

}  // namespace loopscope::sim
