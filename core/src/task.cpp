#include "loopscope/core/task.hpp"

#include <stdexcept>

#include "loopscope/core/event_loop.hpp"

namespace loopscope {

namespace {

std::string cancellation_message(const std::exception_ptr& e) {
    try {
        std::rethrow_exception(e);
    } catch (const cancelled_error& c) {
        return c.what();
    } catch (...) {
        return {};
    }
}

}  // namespace

const detail::callback_kind task_base::step_kind{
    [](detail::ref_counted* target, future_base*) { static_cast<task_base*>(target)->step(nullptr); }, "step"};

const detail::callback_kind task_base::wakeup_kind{
    [](detail::ref_counted* target, future_base* awaited) { static_cast<task_base*>(target)->wakeup(*awaited); },
    "wakeup"};

task_base::task_base(event_loop& loop, std::coroutine_handle<> frame, detail::coro_promise_base& promise)
    : future_base(loop), m_frame(frame), m_promise(&promise), m_resume(frame), m_id(loop.next_task_id()) {
    const task_base* parent = loop.step().task;
    m_parent = parent ? parent->id() : 0;
    add_ref();  // the loop's reference, dropped when the task is done
    loop.register_task(*this);
}

task_base::~task_base() {
    if (!m_exception_retrieved && m_exception && m_loop)
        m_loop->call_exception_handler({"Task exception was never retrieved", m_id, m_exception});
    abandon();
    if (m_loop) m_loop->unregister_task(*this);
}

std::string task_base::name() const { return m_name ? *m_name : "Task-" + std::to_string(m_id); }

void task_base::set_name(std::string name) {
    m_name = std::make_unique<std::string>(std::move(name));
    if (m_loop && m_loop->observed()) m_loop->notify(&instrument::on_task_renamed, m_id, std::string_view(*m_name));
}

std::string task_base::coroutine() const { return m_promise ? m_promise->label().text() : std::string("<finished>"); }

bool task_base::cancel(std::string message) {
    if (done()) return false;
    if (m_loop && m_loop->observed()) {
        const task_base* by = m_loop->step().task;
        m_loop->notify(&instrument::on_cancel_requested, m_id, by ? by->id() : task_id{0},
                       std::string_view(message));
    }
    ++m_cancel_requests;
    if (m_waiter && m_waiter->cancel(message)) {
        // Keep m_waiter: it may be a task that swallows the cancellation, to
        // be cancelled again later.
        return true;
    }
    // The next step is already scheduled (or running): it will throw.
    m_must_cancel = true;
    if (!message.empty()) m_cancel_message = std::make_unique<std::string>(std::move(message));
    return true;
}

int task_base::uncancel() noexcept {
    if (m_cancel_requests > 0) --m_cancel_requests;
    return m_cancel_requests;
}

void task_base::wakeup(future_base& awaited) {
    std::exception_ptr outcome;
    if (awaited.cancelled())
        outcome = awaited.make_cancelled_error();
    else if (awaited.m_exception)
        outcome = awaited.m_exception;
    if (outcome) awaited.m_exception_retrieved = true;
    step(std::move(outcome));
}

void task_base::step(std::exception_ptr thrown) {
    event_loop& loop = *m_loop;
    detail::ref<task_base> keep_alive(this);
    if (m_must_cancel) {
        if (!is_cancelled_error(thrown)) thrown = make_cancelled_error();
        m_must_cancel = false;
    }
    m_waiter.reset();

    auto& ctx = loop.step();
    ctx = {this, nullptr, false, {}, std::move(thrown), {}};
    m_resume.resume();
    ctx.task = nullptr;

    step_end_info end{m_id, step_outcome::done, {}, {}, ctx.await_at};
    std::string awaiting, detail;  // owners of the strings in `end`
    const bool observed = loop.observed();

    if (m_frame.done()) {
        auto& promise = *m_promise;
        std::exception_ptr error = promise.exception();
        if (!error && !m_must_cancel) {
            set_result_from_frame();
            if (observed) detail = describe_result();
        } else if (!error || is_cancelled_error(error)) {
            // Returned right after cancel() was called, or raised cancelled_error.
            std::string message = error ? cancellation_message(error) : cancel_message();
            m_must_cancel = false;
            if (observed) detail = message;
            end.outcome = step_outcome::cancelled;
            set_cancelled(std::move(message));
        } else {
            end.outcome = step_outcome::failed;
            if (observed) detail = describe_exception(error);
            set_exception(error);
        }
        abandon();
        release();  // the loop's reference to a pending task
    } else if (future_base* awaited = ctx.awaited) {
        m_resume = ctx.resume;
        end.outcome = step_outcome::waiting;
        if (awaited == this) {
            schedule_error(std::make_exception_ptr(std::runtime_error("Task cannot await on itself: " + name())));
        } else {
            awaited->add_done_callback(detail::callback{&wakeup_kind, detail::ref<detail::ref_counted>(this), {}});
            m_waiter = awaited;
            if (m_must_cancel && awaited->cancel(cancel_message())) m_must_cancel = false;
        }
        if (observed) awaiting = awaited->describe();
    } else if (ctx.yielded) {
        m_resume = ctx.resume;
        end.outcome = step_outcome::yielded;
        loop.schedule_task_step(*this, schedule_reason::yielded, nullptr);
    } else {
        m_resume = ctx.resume;
        end.outcome = step_outcome::yielded;
        schedule_error(std::make_exception_ptr(
            std::runtime_error("Task got bad yield: the coroutine awaited something that is not a loopscope awaitable")));
    }
    if (observed) {
        end.awaiting = awaiting;
        end.detail = detail;
        loop.notify(&instrument::on_step_end, end);
    }
}

namespace {
struct pending_error final : detail::ref_counted {
    pending_error(detail::ref<task_base> t, std::exception_ptr e) : task(std::move(t)), error(std::move(e)) {}
    detail::ref<task_base> task;
    std::exception_ptr error;
};
const detail::callback_kind step_with_error_kind{
    [](detail::ref_counted* target, future_base*) {
        auto* p = static_cast<pending_error*>(target);
        p->task->step(p->error);
    },
    "step"};
}  // namespace

void task_base::schedule_error(std::exception_ptr error) {
    m_loop->schedule_task_step(*this, schedule_reason::retry_error, nullptr,
                               detail::callback{&step_with_error_kind, detail::make_ref<pending_error>(this, std::move(error)), {}});
}

void task_base::abandon() noexcept {
    // Break the cycle task -> awaited future -> its wake-up callback -> task.
    if (auto waiter = std::exchange(m_waiter, {})) waiter->remove_done_callback(&wakeup_kind, this);
    m_promise = nullptr;
    if (m_frame) std::exchange(m_frame, {}).destroy();
}

}  // namespace loopscope
