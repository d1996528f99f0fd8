#pragma once
// A task's state as the timeline shows it.
#include <cstdint>
#include <string_view>

#include "loopscope/core/instrument.hpp"

namespace loopscope::sim {

enum class task_status : std::uint8_t {
    created,    ///< create_task returned; the first step is not yet scheduled (never seen: it is at once)
    scheduled,  ///< in the ready queue
    running,    ///< its step is executing
    waiting,    ///< suspended on something (a timer, a future, another task)
    done,       ///< returned
    cancelled,  ///< ended by CancelledError
    failed,     ///< ended by another exception
};
inline constexpr int task_status_count = int(task_status::failed) + 1;

/// "created", "scheduled", ...
[[nodiscard]] std::string_view to_string(task_status s) noexcept;

[[nodiscard]] constexpr bool is_terminal(task_status s) noexcept { return s >= task_status::done; }

/// The state a task is in once a step ended this way.
[[nodiscard]] constexpr task_status state_after(step_outcome o) noexcept {
    switch (o) {
        case step_outcome::waiting: return task_status::waiting;
        case step_outcome::yielded: return task_status::scheduled;
        case step_outcome::done: return task_status::done;
        case step_outcome::failed: return task_status::failed;
        case step_outcome::cancelled: return task_status::cancelled;
    }
    return task_status::waiting;
}

}  // namespace loopscope::sim
