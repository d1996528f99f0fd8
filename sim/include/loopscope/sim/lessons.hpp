#pragma once
// Short asyncio programs as lessons print them (assets/lessons/*.py), offered
// in the window's Examples menu beside each scenario's Python listing. They
// are plain programs: the window writes one to a file and runs it.
#include <string_view>
#include <vector>

namespace loopscope::sim {

struct lesson_program {
    std::string_view id;     ///< the file's name without .py: "countdown_tasks"
    std::string_view title;  ///< its first comment line
    std::string_view text;
};

/// In the order of a lesson: tasks, gather, the old run_until_complete style, iterators, names, streams.
[[nodiscard]] const std::vector<lesson_program>& lesson_programs();

}  // namespace loopscope::sim
