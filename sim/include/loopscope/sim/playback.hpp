#pragma once
// Playback: the loop's state at any point of a trace. Position k means "after
// the first k events" (0: nothing has happened yet; size(): the end). Moving
// back is as cheap as moving forward: the state is rebuilt from the nearest
// snapshot taken while the trace was first read.
//
// [SECTION] loop_state   — what the screen shows at one position
// [SECTION] playback     — positions, stepping, jumping
#include <cstddef>
#include <deque>
#include <optional>
#include <vector>

#include "loopscope/sim/lint.hpp"
#include "loopscope/sim/scenario.hpp"
#include "loopscope/sim/task_status.hpp"
#include "loopscope/sim/trace.hpp"

namespace loopscope::sim {

// [SECTION] loop_state

/// One task at one position.
struct task_view {
    task_status state = task_status::created;
    bool cancel_requested = false;
    string_id name = 0;
    string_id detail = 0;   ///< waiting: what it awaits; done: result; failed/cancelled: the exception
    location_id line = 0;   ///< where it is in the C++ source (suspension point or last print), 0: not started
    /// Suspended: the event its await chain starts at (the await_frame events after its
    /// step_end; a recorded program's), 0 while it runs or once it is done.
    std::uint32_t chain = 0;
    std::uint32_t waits_on = 0;  ///< waiting: the object (object_view number) it waits on, 0: none known
    friend bool operator==(const task_view&, const task_view&) = default;
};

/// A program's synchronisation object (a Queue, Lock, Event, ..., a gather, a task others await) at one position.
struct object_view {
    object_kind kind = object_kind::future;
    string_id label = 0;  ///< "Queue q", "gather #3"
    string_id state = 0;  ///< "2 items: [1, 2]"; 0 before it is seen and once it is gone
    task_id holder = 0;   ///< a lock's owner, a task object's task; 0: none
    friend bool operator==(const object_view&, const object_view&) = default;
};

/// An entry of the ready queue or the timer heap.
struct loop_handle {
    std::uint32_t handle = 0;
    task_id task = 0;       ///< the task whose step this is; 0 for a callback or a timer
    task_id armed_by = 0;   ///< timers (and their callbacks once due): the task whose await armed it
    string_id what = 0;     ///< callback / timer description, or what woke the task
    double when = 0;        ///< timers: due time
    bool cancelled = false; ///< cancelled while in the ready queue: will be skipped
    friend bool operator==(const loop_handle&, const loop_handle&) = default;
};

/// Where the loop is inside its iteration (BaseEventLoop._run_once).
enum class loop_phase : std::uint8_t {
    not_started,  ///< before the first iteration
    polling,      ///< iteration began: waiting for the next timer (the clock jumps)
    timers_due,   ///< due timers move to the ready queue
    running,      ///< running the ready batch, one handle at a time
    between,      ///< an iteration ended
};
[[nodiscard]] std::string_view to_string(loop_phase p) noexcept;

struct loop_state {
    std::size_t position = 0;
    std::vector<task_view> tasks;  ///< tasks created so far; tasks[i] is Task-(i+1)
    std::vector<object_view> objects;  ///< objects seen so far; objects[i] is number i + 1
    std::deque<loop_handle> ready;  ///< in the order they will run
    std::vector<loop_handle> timers;  ///< sorted by due time, then arming order
    task_id running = 0;
    std::uint32_t running_callback = 0;  ///< handle of the callback running, 0: none
    loop_phase phase = loop_phase::not_started;

    /// Moves from position p to p + 1.
    void apply(const event& e);
    friend bool operator==(const loop_state&, const loop_state&) = default;
};

/// Where a task came from, as the scenario's source shows it.
struct creation_site {
    location_id at = 0;     ///< the line that created it
    string_id through = 0;  ///< what the parent awaited when the runtime made the task for it ("gather(2)"); 0: none
    friend bool operator==(const creation_site&, const creation_site&) = default;
};

// [SECTION] playback

/// Units for stepping.
enum class step_unit : std::uint8_t {
    event,      ///< one event
    task_step,  ///< to just after the next (previous) step or callback ends
    iteration,  ///< to just after the next (previous) loop iteration ends
    time,       ///< to the next (previous) moment the clock advances
};

class playback {
public:
    /// Reads the whole trace once (snapshots, indexes, lints). The trace must outlive the playback.
    explicit playback(const trace& t);

    [[nodiscard]] const trace& source() const noexcept { return m_trace; }
    [[nodiscard]] std::size_t size() const noexcept { return m_trace.size(); }

    /// The state after the first k events (k is clamped to size()).
    [[nodiscard]] const loop_state& state_at(std::size_t k);
    [[nodiscard]] double time_at(std::size_t k) const noexcept;
    [[nodiscard]] std::uint32_t iteration_at(std::size_t k) const noexcept;

    /// The next position after k at a boundary of `unit`; size() when none.
    [[nodiscard]] std::size_t next(std::size_t k, step_unit unit) const noexcept;
    /// The previous position before k at a boundary of `unit`; 0 when none.
    [[nodiscard]] std::size_t previous(std::size_t k, step_unit unit) const noexcept;
    /// The first position at which the virtual time is at least t.
    [[nodiscard]] std::size_t position_at_time(double t) const noexcept;

    /// Events that printed, in order; output line i is printed by event outputs()[i].
    [[nodiscard]] const std::vector<std::uint32_t>& outputs() const noexcept { return m_outputs; }
    /// Output lines printed before position k.
    [[nodiscard]] std::size_t outputs_before(std::size_t k) const noexcept;
    [[nodiscard]] const std::vector<lint>& lints() const noexcept { return m_lints; }
    /// Lints whose event is before position k.
    [[nodiscard]] std::size_t lints_before(std::size_t k) const noexcept;

    /// The Python line for a location: in the scenario's C++ listing, or in a
    /// recorded program's own file (0: none).
    [[nodiscard]] std::uint32_t python_line(location_id at) const;
    /// The C++ listing line for a location (0 when it is outside the listing).
    [[nodiscard]] std::uint32_t cpp_line(location_id at) const;

    /// Where `task` was created: its create_task line or, for a task the runtime
    /// made (gather's and TaskGroup's children), the co_await its parent
    /// suspended at next, with what it awaited there.
    [[nodiscard]] creation_site created_from(task_id task) const;

    /// One frame of an await chain.
    struct chain_frame {
        const event* frame = nullptr;      ///< await_frame: a = the function, b = the line
        std::vector<const event*> locals;  ///< its frame_local events: a = a variable's name, b = its value
    };
    /// What `task` is suspended in at position k, its coroutine first, down to
    /// what it waits on, with each frame's variables (the program's own frames).
    /// Empty while it runs, once it is done, and for a scenario's tasks.
    [[nodiscard]] std::vector<chain_frame> await_chain(std::size_t k, task_id task);

    /// An object that exists at a position, and who waits on it.
    struct object_at {
        std::uint32_t number = 0;  ///< first seen first
        object_view view;
        /// The tasks waiting on it, in the order they began to wait; what each waits in is its task_view::detail.
        std::vector<task_id> waiters;
    };
    /// The objects a recorded program has at position k (those seen so far and not gone), in first-seen
    /// order, each with the tasks waiting on it: the await graph. Empty for a scenario.
    [[nodiscard]] std::vector<object_at> objects_at(std::size_t k);

    /// Events between snapshots.
    [[nodiscard]] std::size_t snapshot_interval() const noexcept { return m_interval; }

private:
    [[nodiscard]] const std::vector<std::uint32_t>& boundaries(step_unit unit) const noexcept;

    const trace& m_trace;
    std::size_t m_interval;
    std::vector<loop_state> m_snapshots;  ///< m_snapshots[i] is the state at i * m_interval
    loop_state m_cursor;                  ///< the last state asked for
    std::vector<std::uint32_t> m_outputs;
    std::vector<std::uint32_t> m_step_ends, m_iteration_ends, m_time_changes;
    std::vector<lint> m_lints;
    line_map m_lines;
};

}  // namespace loopscope::sim
