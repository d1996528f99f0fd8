#include "loopscope/core/sleep.hpp"

#include "loopscope/core/event_loop.hpp"

namespace loopscope {

namespace {
// futures._set_result_unless_cancelled
const detail::callback_kind wake_sleeper{
    [](detail::ref_counted* target, future_base*) {
        auto* f = static_cast<detail::sleep_future*>(target);
        f->on_timer_ran();
        if (!f->cancelled()) f->set_result();
    },
    "timer:"};
}  // namespace

std::string detail::sleep_future::describe() const {
    std::string s = "sleep(";
    append_float(s, m_delay);
    if (s.ends_with(".0")) s.resize(s.size() - 2);  // sleep(1), as the listing reads
    return s + ")";
}

void detail::sleep_future::start_timer() {
    event_loop& l = loop();
    m_timer = l.schedule_at(l.time() + m_delay, callback{&wake_sleeper, this});
}

void detail::sleep_future::cancel_timer() {
    m_timer.cancel();
    m_timer = {};
}

void sleep_awaiter::start_timer(std::coroutine_handle<> h) {
    auto future = detail::make_ref<detail::sleep_future>(running_loop(), m_delay);
    future->start_timer();
    m_future = future.get();  // the timer's callback holds it; the step adds the task's reference
    detail::suspend_on(*m_step, *m_future, h);
}

}  // namespace loopscope
