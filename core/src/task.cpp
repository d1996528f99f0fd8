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
    : future_base(loop), m_frame(frame), m_resume(frame), m_id(loop.next_task_id()) {
    const task_base* parent = loop.step().task;
    m_parent = parent ? parent->id() : 0;
    promise.set_step(&loop.step());
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
    if (m_loop && m_loop->observed()) m_loop->notify<&instrument::on_task_renamed>(m_id, std::string_view(*m_name));
}

std::string task_base::coroutine() const { return m_frame ? frame_promise().label().text() : std::string("<finished>"); }

bool task_base::cancel(std::string message) {
    if (done()) return false;
    // Tasks awaiting each other in a cycle would pass the cancel around it
    // forever (Python overflows its stack); the second time round, refuse it.
    if (m_forwarding_cancel) return false;
    if (m_loop && m_loop->observed()) {
        const task_base* by = m_loop->step().task;
        m_loop->notify<&instrument::on_cancel_requested>(m_id, by ? by->id() : task_id{0},
                       std::string_view(message));
    }
    ++m_cancel_requests;
    if (m_waiter) {
        m_forwarding_cancel = true;
        const bool forwarded = m_waiter->cancel(message);
        m_forwarding_cancel = false;
        // Keep m_waiter: it may be a task that swallows the cancellation, to
        // be cancelled again later.
        if (forwarded) return true;
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

inline void task_base::end_step(step_outcome outcome, std::string_view detail) const {
    if (m_loop->observed()) [[unlikely]]
        report_step_end(outcome, detail);
}

void task_base::step(std::exception_ptr thrown) {
    event_loop& loop = *m_loop;
    if (m_must_cancel) [[unlikely]] {
        if (!is_cancelled_error(thrown)) thrown = make_cancelled_error();
        m_must_cancel = false;
    }
    m_waiter.reset();

    detail::step_context& ctx = loop.step();
    ctx.task = this;
    ctx.awaited = nullptr;
    ctx.yielded = false;
    ctx.await_at = {};
    if (thrown) [[unlikely]]
        ctx.thrown = std::move(thrown);
    m_resume.resume();
    ctx.task = nullptr;
    if (ctx.thrown) [[unlikely]]
        ctx.thrown = nullptr;  // no Loopscope awaiter took it

    if (ctx.yielded) [[likely]] {
        // schedule_task_step and end_step, with one test for instruments.
        m_resume = ctx.resume;
        const handle_id id = loop.push_ready({&step_kind, this}, nullptr);
        if (loop.observed()) [[unlikely]] {
            loop.notify_task_scheduled(*this, id, schedule_reason::yielded, nullptr);
            report_step_end(step_outcome::yielded, {});
        }
    } else if (ctx.awaited) {
        m_resume = ctx.resume;
        wait_on(*ctx.awaited);
        // Awaiting itself, the task waits on nothing: its next step, already scheduled, raises.
        end_step(m_waiter ? step_outcome::waiting : step_outcome::yielded);
    } else if (m_frame.done()) {
        complete();
    } else {
        m_resume = ctx.resume;
        schedule_error(std::make_exception_ptr(
            std::runtime_error("Task got bad yield: the coroutine awaited something that is not a loopscope awaitable")));
        end_step(step_outcome::yielded);
    }
}

void task_base::wait_on(future_base& awaited) {
    if (&awaited == this) {
        std::string message = "Task cannot await on itself: ";
        message += name();
        schedule_error(std::make_exception_ptr(std::runtime_error(message)));
        return;
    }
    awaited.add_done_callback(detail::callback{&wakeup_kind, this});
    m_waiter = &awaited;
    if (m_must_cancel && awaited.cancel(cancel_message())) m_must_cancel = false;
}

void task_base::complete() {
    const std::exception_ptr error = frame_promise().exception();
    if (!error && !m_must_cancel) [[likely]] {
        set_result_from_frame();
        release_frame();
        if (m_loop->observed()) [[unlikely]]
            report_step_end(step_outcome::done, describe_result());
    } else if (!error || is_cancelled_error(error)) {
        // Returned right after cancel() was called, or raised cancelled_error.
        std::string message = error ? cancellation_message(error) : cancel_message();
        m_must_cancel = false;
        const std::string detail = message;
        set_cancelled(std::move(message));
        release_frame();
        end_step(step_outcome::cancelled, detail);
    } else {
        set_exception(error);
        release_frame();
        if (m_loop->observed()) [[unlikely]]
            report_step_end(step_outcome::failed, describe_exception(error));
    }
}

void task_base::release_frame() noexcept {
    abandon();
    release();  // the loop's reference to a pending task
}

void task_base::report_step_end(step_outcome outcome, std::string_view detail) const {
    const detail::step_context& ctx = m_loop->step();
    if (outcome == step_outcome::waiting) {
        const std::string awaiting = ctx.awaited->describe();
        m_loop->notify<&instrument::on_step_end>(step_end_info{m_id, outcome, awaiting, detail, ctx.await_at});
    } else {
        m_loop->notify<&instrument::on_step_end>(step_end_info{m_id, outcome, {}, detail, ctx.await_at});
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
    m_loop->schedule_task_step(*this, schedule_reason::retry_error,
                               detail::callback{&step_with_error_kind, detail::make_ref<pending_error>(this, std::move(error))});
}

void task_base::abandon() noexcept {
    // Break the cycle task -> awaited future -> its wake-up callback -> task.
    if (auto waiter = std::exchange(m_waiter, {})) waiter->remove_done_callback(&wakeup_kind, this);
    if (m_frame) std::exchange(m_frame, {}).destroy();
    // A task that will never finish never runs its done callbacks; dropping
    // them breaks the cycle task -> callback -> gather -> task.
    m_callbacks.drain([](detail::callback&&) {});
}

}  // namespace loopscope
