#include "loopscope/core/future.hpp"

#include "loopscope/core/event_loop.hpp"

namespace loopscope {


bool future_base::cancel(std::string message) {
    if (done()) return false;
    set_cancelled(std::move(message));
    return true;
}

void future_base::set_cancelled(std::string message) {
    if (!message.empty()) m_cancel_message = std::make_unique<std::string>(std::move(message));
    m_state = state::cancelled;
    schedule_callbacks();
}

const std::string& future_base::cancel_message() const noexcept {
    static const std::string none;
    return m_cancel_message ? *m_cancel_message : none;
}

std::exception_ptr future_base::make_cancelled_error() const {
    return std::make_exception_ptr(cancelled_error(cancel_message()));
}

std::exception_ptr future_base::exception() {
    if (m_state == state::cancelled) std::rethrow_exception(make_cancelled_error());
    if (m_state == state::pending) throw invalid_state_error("Exception is not set.");
    m_exception_retrieved = true;
    return m_exception;
}

void future_base::check_result() {
    if (m_state == state::cancelled) std::rethrow_exception(make_cancelled_error());
    if (m_state == state::pending) throw invalid_state_error("Result is not set.");
    m_exception_retrieved = true;
    if (m_exception) std::rethrow_exception(m_exception);
}

void future_base::require_pending(const char* operation) const {
    if (done()) throw invalid_state_error(std::string("invalid state: ") + operation + " on a future that is done");
}

void future_base::set_exception(std::exception_ptr e) {
    require_pending("set_exception");
    m_exception = std::move(e);
    m_exception_retrieved = false;
    finish();
}

void future_base::finish() {
    m_state = state::finished;
    schedule_callbacks();
}

void future_base::schedule_callbacks() {
    if (!m_loop) return;  // the loop is gone: nothing will ever run them
    m_callbacks.drain([this](detail::callback cb) {
        if (cb.kind == &task_base::wakeup_kind) {
            m_loop->schedule_task_step(static_cast<task_base&>(*cb.target), schedule_reason::woken, this);
        } else {
            m_loop->schedule(std::move(cb), this);
        }
    });
}

void future_base::add_done_callback(detail::callback cb) {
    if (done()) {
        m_loop->schedule(std::move(cb), this);
    } else {
        m_callbacks.push_back(std::move(cb));
    }
}

void future_base::add_done_callback(std::function<void(future_base&)> fn) {
    add_done_callback(detail::make_callback("done callback", [fn = std::move(fn)](future_base* f) { fn(*f); }));
}

std::string future_base::describe() const { return "future"; }

namespace detail {

const callback_kind function_kind{
    [](ref_counted* target, future_base* arg) { static_cast<function_target*>(target)->m_fn(arg); }, "callback"};

std::size_t callback_list::remove(const callback_kind* kind, const ref_counted* target) {
    auto matches = [&](const callback& cb) { return cb.kind == kind && cb.target.get() == target; };
    std::size_t removed = 0;
    if (m_rest) removed += std::erase_if(*m_rest, matches);
    if (!empty() && matches(m_first)) {
        ++removed;
        m_first = {};
        if (m_rest && !m_rest->empty()) {
            m_first = std::move(m_rest->front());
            m_rest->erase(m_rest->begin());
        }
    }
    return removed;
}

}  // namespace detail

}  // namespace loopscope
