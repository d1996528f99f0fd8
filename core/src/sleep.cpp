#include "loopscope/core/sleep.hpp"

#include "loopscope/core/event_loop.hpp"

namespace loopscope {

namespace {
// futures._set_result_unless_cancelled
const detail::callback_kind wake_sleeper{
    [](detail::ref_counted* target, future_base*) {
        auto* f = static_cast<detail::sleep_future*>(target);
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

void sleep_awaiter::await_suspend(std::coroutine_handle<> h) {
    if (m_delay <= 0) {
        detail::suspend_bare(h);
        return;
    }
    event_loop& loop = running_loop();
    m_future = detail::make_ref<detail::sleep_future>(loop, m_delay);
    m_timer = loop.schedule_at(loop.time() + m_delay,
                               detail::callback{&wake_sleeper, detail::ref<detail::ref_counted>(m_future), {}});
    detail::suspend_on(*m_future, h);
}

void sleep_awaiter::await_resume() {
    m_timer.cancel();  // the `finally: h.cancel()` of asyncio.sleep
    detail::rethrow_thrown();
    if (m_future) m_future->result();
}

}  // namespace loopscope
