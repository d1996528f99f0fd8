#include "loopscope/core/task_group.hpp"

#include <algorithm>

namespace loopscope {

void task_group::check_open() const {
    if (m_exiting && m_tasks.empty()) throw std::logic_error("TaskGroup is finished");
    if (m_aborting) throw std::logic_error("TaskGroup is shutting down");
}

void task_group::adopt(const any_task& t) {
    detail::ref<task_group> self(this);
    t.state().add_done_callback(detail::make_callback(
        "TaskGroup: task done", [self](future_base* f) { self->on_task_done(static_cast<task_base&>(*f)); }));
    m_tasks.push_back(t);
}

void task_group::abort() {
    m_aborting = true;
    for (auto& t : m_tasks)
        if (!t.done()) t.cancel();
}

void task_group::on_task_done(task_base& t) {
    std::erase_if(m_tasks, [&](const any_task& x) { return &x.state() == &t; });
    if (m_on_completed && m_tasks.empty() && !m_on_completed->done()) m_on_completed->set_result();
    if (t.cancelled()) return;
    std::exception_ptr e = t.exception();
    if (!e) return;
    m_errors.push_back(e);
    if (m_parent.done()) {
        t.loop().call_exception_handler({"Task has errored out but its parent task is already completed", t.id(), e});
        return;
    }
    if (!m_aborting && !m_parent_cancel_requested) {
        // Cancel the parent to interrupt whatever the body awaits; exit()
        // takes that cancellation back with uncancel().
        abort();
        m_parent_cancel_requested = true;
        m_parent.cancel();
    }
}

coro<> task_group::exit(std::exception_ptr error) {
    m_exiting = true;
    std::exception_ptr propagate_cancellation;
    const bool body_cancelled = error && is_cancelled_error(error);
    if (error) {
        if (body_cancelled) {
            if (!(m_parent_cancel_requested && m_parent.uncancel() == 0)) propagate_cancellation = error;
        }
        if (!m_aborting) abort();
    }
    while (!m_tasks.empty()) {
        if (!m_on_completed) m_on_completed = detail::make_ref<labelled_future<void>>(m_parent.state().loop(), "TaskGroup");
        try {
            co_await future<void>(m_on_completed);
        } catch (const cancelled_error&) {
            if (!m_aborting) {
                propagate_cancellation = std::current_exception();
                abort();
            }
        }
        m_on_completed.reset();
    }
    if (propagate_cancellation) std::rethrow_exception(propagate_cancellation);
    if (error && !body_cancelled) m_errors.push_back(error);
    if (!m_errors.empty()) {
        auto errors = std::move(m_errors);
        throw exception_group("unhandled errors in a TaskGroup", std::move(errors));
    }
}

}  // namespace loopscope
