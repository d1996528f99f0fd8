#pragma once
// The timeline as data: each task's life cut into segments of one status, the
// arrows between lanes (spawn, wake-up, cancel), and the two x axes. The UI
// draws it; tests check it without a display.
#include <cstddef>
#include <cstdint>
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
    time,        ///< virtual seconds: everything in one iteration is at one instant
    iterations,  ///< loop iterations, each spread over its events: interleaving shows
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

private:
    const trace& m_trace;
    std::vector<std::vector<segment>> m_lanes;
    std::vector<arrow> m_arrows;
    std::vector<int> m_depth;
};

}  // namespace loopscope::sim
