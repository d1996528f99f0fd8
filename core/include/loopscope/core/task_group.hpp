#pragma once
// asyncio.TaskGroup (3.11). The first child that fails cancels the other
// children and the body; leaving the group waits for every child, then raises
// an exception_group of the failures. Python's
//     async with asyncio.TaskGroup() as tg: tg.create_task(work())
// is `co_await with_task_group([&](task_group& tg) -> coro<> { tg.create_task(work()); co_return; });`
#include <string>
#include <vector>

#include "loopscope/core/event_loop.hpp"

namespace loopscope {

/// The group a with_task_group body receives.
class task_group final : public detail::ref_counted {
public:
    explicit task_group(any_task parent) : m_parent(std::move(parent)) {}

    /// TaskGroup.create_task: a child task; throws std::logic_error once the
    /// group is shutting down.
    template <class T>
    task<T> create_task(coro<T> c, std::string name = {}, source_location at = source_location::current()) {
        check_open();
        task<T> t = running_loop().create_task(std::move(c), std::move(name), at);
        adopt(t);
        return t;
    }

    // [SECTION] __aexit__, for with_task_group
    /// The body ended with `error` (null: normally). Returns the exception to
    /// raise once the children are done, after waiting for them.
    coro<> exit(std::exception_ptr error);

private:
    void check_open() const;
    void adopt(const any_task& t);
    void abort();
    void on_task_done(task_base& t);

    any_task m_parent;
    std::vector<any_task> m_tasks;
    std::vector<std::exception_ptr> m_errors;
    detail::ref<future_state<void>> m_on_completed;
    bool m_exiting = false;
    bool m_aborting = false;
    bool m_parent_cancel_requested = false;
};

/// async with TaskGroup() as tg: body(tg). Rethrows a cancellation of the
/// enclosing task; raises exception_group when children (or the body) failed.
template <class F>
coro<> with_task_group(F body) {
    any_task parent = running_loop().current_task();
    if (!parent) throw std::logic_error("TaskGroup cannot determine the parent task");
    auto group = detail::make_ref<task_group>(parent);
    std::exception_ptr error;
    try {
        co_await body(*group);
    } catch (...) {
        error = std::current_exception();
    }
    co_await group->exit(error);
}

}  // namespace loopscope
