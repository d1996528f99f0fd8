#include "loopscope/sim/task_label.hpp"

namespace loopscope::sim {

std::string task_name_label(task_id id, std::string_view name) {
    std::string label = "Task-" + std::to_string(id);
    if (!name.empty() && name != label) label.append(" ").append(name);
    return label;
}

std::string task_name_label(const trace& t, task_id id) {
    if (id == 0) return "the loop";
    const task_record* task = t.find_task(id);
    return task_name_label(id, task ? t.strings[task->name] : std::string_view{});
}

std::string task_coroutine_label(const trace& t, task_id id) {
    std::string label = task_name_label(t, id);
    const task_record* task = t.find_task(id);
    if (task && task->coroutine) label.append(" ").append(t.strings[task->coroutine]);
    return label;
}

}  // namespace loopscope::sim
