// The type-erased halves of wait, wait_for, shield and timeout: each mirrors
// the CPython 3.11 function of the same name in asyncio/tasks.py or timeouts.py.
#include "loopscope/core/shield.hpp"
#include "loopscope/core/timeout.hpp"
#include "loopscope/core/wait.hpp"
#include "loopscope/core/wait_for.hpp"

namespace loopscope::detail {

callback release_waiter(ref<future_base> waiter, const char* name) {
    return make_callback(name, [waiter](future_base*) {
        if (!waiter->done()) static_cast<future_state<void>&>(*waiter).set_result();
    });
}

coro<> cancel_and_wait(ref<future_base> f) {
    auto waiter = make_ref<labelled_future<void>>(f->loop(), "cancel and wait");
    callback cb = release_waiter(waiter, "wait_for: cancelled inner done");
    const ref_counted* target = cb.target.get();
    f->add_done_callback(std::move(cb));
    struct remove_at_exit {
        future_base& f;
        const ref_counted* target;
        ~remove_at_exit() { f.remove_done_callback(&function_kind, target); }
    } finally{*f, target};
    f->cancel();
    co_await future<void>(waiter);
}

coro<> wait_until(std::vector<ref<future_base>> fs, return_when when, std::optional<double> timeout) {
    event_loop& loop = running_loop();
    auto waiter = make_ref<labelled_future<void>>(loop, when == return_when::first_completed   ? "wait(FIRST_COMPLETED)"
                                                        : when == return_when::first_exception ? "wait(FIRST_EXCEPTION)"
                                                                                                : "wait(ALL_COMPLETED)");
    timer_handle timeout_handle;
    if (timeout) timeout_handle = loop.schedule_at(loop.time() + *timeout, release_waiter(waiter, "wait: timeout"));

    auto counter = std::make_shared<std::size_t>(fs.size());
    callback on_completion = make_callback("wait: on completion", [=](future_base* f) {
        --*counter;
        if (*counter == 0 || when == return_when::first_completed ||
            (when == return_when::first_exception && !f->cancelled() && f->exception())) {
            timeout_handle.cancel();
            if (!waiter->done()) static_cast<future_state<void>&>(*waiter).set_result();
        }
    });
    for (auto& f : fs) f->add_done_callback(on_completion);

    struct finally_t {
        timer_handle& timeout_handle;
        std::vector<ref<future_base>>& fs;
        const ref_counted* target;
        ~finally_t() {
            timeout_handle.cancel();
            for (auto& f : fs) f->remove_done_callback(&function_kind, target);
        }
    } finally{timeout_handle, fs, on_completion.target.get()};
    co_await future<void>(waiter);
}

void shield_link(ref<future_base> inner, ref<future_base> outer, void (*copy_result)(future_base&, future_base&)) {
    callback inner_done = make_callback("shield: inner done", [outer, copy_result](future_base* in) {
        if (outer->cancelled()) {
            if (!in->cancelled()) (void)in->exception();  // mark it retrieved
            return;
        }
        if (in->cancelled()) {
            outer->cancel();
        } else if (auto e = in->exception()) {
            outer->set_exception(e);
        } else {
            copy_result(*in, *outer);
        }
    });
    const ref_counted* inner_done_target = inner_done.target.get();
    inner->add_done_callback(std::move(inner_done));
    // inner and outer hold each other through their callbacks until either
    // completes, as in asyncio; the loop's teardown cancels a pending inner task.
    outer->add_done_callback(make_callback("shield: outer done", [inner, inner_done_target](future_base*) {
        if (!inner->done()) inner->remove_done_callback(&function_kind, inner_done_target);
    }));
}

// [SECTION] timeout

struct timeout_scope::state final : ref_counted {
    enum class phase { entered, expiring, expired, exited } m_phase = phase::entered;
    any_task m_task;
    int m_cancelling = 0;
    handle m_handler;
};

timeout_scope::timeout_scope(std::optional<double> when) {
    event_loop& loop = running_loop();
    auto s = make_ref<state>();
    s->m_task = loop.current_task();
    if (!s->m_task) throw std::logic_error("Timeout should be used inside a task");
    s->m_cancelling = s->m_task.cancelling();
    if (when) {
        state* raw = s.get();
        auto on_timeout = [raw] {
            raw->m_task.cancel();
            raw->m_phase = state::phase::expiring;
            raw->m_handler = {};
        };
        if (*when <= loop.time())
            s->m_handler = loop.call_soon(on_timeout);
        else
            s->m_handler = loop.call_at(*when, on_timeout);
    }
    m_state = s;
}

timeout_scope::~timeout_scope() { static_cast<state&>(*m_state).m_handler.cancel(); }

bool timeout_scope::exit(const std::exception_ptr& error) {
    auto& s = static_cast<state&>(*m_state);
    s.m_handler.cancel();
    s.m_handler = {};
    if (s.m_phase == state::phase::expiring) {
        s.m_phase = state::phase::expired;
        return s.m_task.uncancel() <= s.m_cancelling && is_cancelled_error(error);
    }
    s.m_phase = state::phase::exited;
    return false;
}

}  // namespace loopscope::detail
