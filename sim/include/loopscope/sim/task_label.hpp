#pragma once
// One label per task, everywhere it is named (captions, lanes, tooltips):
// "Task-2" while the task has its default name, "Task-2 worker0" once it has
// another, so the number that ties it to its lane is always there.
#include <string>
#include <string_view>

#include "loopscope/sim/trace.hpp"

namespace loopscope::sim {

/// "Task-2" when `name` is empty or the default "Task-2", else "Task-2 worker0".
[[nodiscard]] std::string task_name_label(task_id id, std::string_view name);

/// task_name_label with the name the task was created with (create_task's
/// name=, which the trace records at creation). Task 0 is "the loop"; a task
/// the trace does not know is "Task-N".
[[nodiscard]] std::string task_name_label(const trace& t, task_id id);

/// The name label and the coroutine: "Task-3 countdown('B', 2)",
/// "Task-2 worker0 worker('worker0', 1, False)".
[[nodiscard]] std::string task_coroutine_label(const trace& t, task_id id);

}  // namespace loopscope::sim
