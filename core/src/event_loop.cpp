#include "loopscope/core/event_loop.hpp"

#include <cstdio>
#include <stdexcept>

#include "loopscope/core/gather.hpp"

namespace loopscope {

namespace {

thread_local event_loop* t_running = nullptr;

// asyncio's _MIN_SCHEDULED_TIMER_HANDLES and _MIN_CANCELLED_TIMER_HANDLES_FRACTION.
constexpr std::size_t min_scheduled_timers_for_rebuild = 100;
constexpr double min_cancelled_timer_fraction = 0.5;
// MAXIMUM_SELECT_TIMEOUT: 24 hours.
constexpr double maximum_poll_timeout = 24 * 3600;
// time.get_clock_info('monotonic').resolution on Linux.
constexpr double clock_resolution = 1e-09;
// Teardown gives cancelled tasks this many iterations to finish.
constexpr int teardown_iterations = 1000;

const detail::callback_kind stop_when_done{
    [](detail::ref_counted*, future_base* f) { f->loop().stop(); }, "run_until_complete: stop"};

// A cancellable handle in the ready queue. run_ready_entry looks inside it
// (to skip it when cancelled), so this kind never runs.
const detail::callback_kind handle_kind{[](detail::ref_counted*, future_base*) {}, "handle"};

/// A callback with a name of its own (call_soon / call_at with `what`).
struct named_function_target final : detail::ref_counted {
    named_function_target(std::string name, std::function<void()> fn) : m_name(std::move(name)), m_fn(std::move(fn)) {}
    std::string m_name;
    std::function<void()> m_fn;
};
const detail::callback_kind named_function_kind{
    [](detail::ref_counted* t, future_base*) { static_cast<named_function_target*>(t)->m_fn(); }, "callback"};

/// One step of a foreign task (call_soon_step).
struct foreign_step_target final : detail::ref_counted {
    foreign_step_target(task_id task, std::function<void()> fn) : m_task(task), m_fn(std::move(fn)) {}
    task_id m_task;
    std::function<void()> m_fn;
};
const detail::callback_kind foreign_step_kind{
    [](detail::ref_counted* t, future_base*) { static_cast<foreign_step_target*>(t)->m_fn(); }, "foreign step"};

std::string describe_callback(const detail::callback_kind* kind, const detail::ref_counted* target) {
    if (auto* fn = dynamic_cast<const detail::function_target*>(target)) return fn->m_name;
    if (auto* named = dynamic_cast<const named_function_target*>(target)) return named->m_name;
    std::string s = kind->name;
    if (auto* f = dynamic_cast<const future_base*>(target)) {
        s += ' ';
        s += f->describe();
    }
    return s;
}

void default_exception_handler(const loop_error& e) {
    std::string text = e.message;
    if (e.task) text += " (Task-" + std::to_string(e.task) + ")";
    if (e.exception) text += ": " + describe_exception(e.exception);
    std::fprintf(stderr, "%s\n", text.c_str());
}

}  // namespace

/// Makes a loop the running loop for a scope (events._set_running_loop).
struct running_scope {
    explicit running_scope(event_loop& loop) : m_loop(loop), m_previous(t_running) {
        if (loop.m_running) throw std::logic_error("This event loop is already running");
        loop.m_running = true;
        t_running = &loop;
    }
    ~running_scope() {
        m_loop.m_running = false;
        m_loop.m_stopping = false;
        t_running = m_previous;
    }
    event_loop& m_loop;
    event_loop* m_previous;
};

event_loop::event_loop() : event_loop(std::make_unique<virtual_clock>()) {}

event_loop::event_loop(std::unique_ptr<clock> c)
    : m_clock(std::move(c)), m_exception_handler(default_exception_handler) {}

event_loop::~event_loop() {
    // Give pending tasks their cancellation, then destroy what will not finish.
    try {
        running_scope scope(*this);
        for (int round = 0; round < 3 && m_first_task; ++round) {
            bool pending = false;
            for (task_base* t = m_first_task; t; t = t->m_next)
                if (!t->done()) pending = t->cancel() || pending;
            if (!pending) break;
            for (int i = 0; i < teardown_iterations && !all_tasks().empty() && !m_ready.empty(); ++i) iterate();
        }
    } catch (...) {
        // A deadlock or failure during teardown: what remains is destroyed below.
    }
    // Held while abandoning: dropping one task's callbacks may destroy others.
    std::vector<detail::ref<task_base>> unfinished;
    for (task_base* t = m_first_task; t; t = t->m_next)
        if (!t->done()) unfinished.emplace_back(t);
    for (auto& t : unfinished) {
        t->abandon();
        t->release();  // the loop's reference to a pending task
    }
    unfinished.clear();
    // Pending handles drop their callbacks first: a callback may own what owns
    // its handle (a sleep's future holds its timer).
    while (!m_ready.empty()) {
        const ready_entry entry = m_ready.pop_front();
        if (entry.kind == &handle_kind) static_cast<detail::handle_state*>(entry.target)->m_callback = {};
        release_entry(entry);
    }
    for (const auto& h : m_timers.items()) h->m_callback = {};
    m_timers.clear();
    for (int i = 0; i < int(m_instruments.size()); ++i) detail::g_observers.fetch_sub(1, std::memory_order_relaxed);
    // Tasks still referenced by handles outlive the loop: detach them.
    for (task_base* t = m_first_task; t; t = t->m_next) {
        if (!t->m_exception_retrieved && t->m_exception)
            call_exception_handler({"Task exception was never retrieved", t->id(), t->m_exception});
        t->m_exception_retrieved = true;
        t->m_loop = nullptr;
    }
}

// [SECTION] running

void event_loop::run_forever() {
    running_scope scope(*this);
    while (true) {
        iterate();
        if (m_stopping) break;
    }
}

void event_loop::run_until_done(future_base& f) {
    detail::ref<future_base> keep(&f);
    f.add_done_callback(detail::callback{&stop_when_done, {}});
    try {
        run_forever();
    } catch (...) {
        f.remove_done_callback(&stop_when_done, nullptr);
        throw;
    }
    f.remove_done_callback(&stop_when_done, nullptr);
    if (!f.done()) throw std::runtime_error("Event loop stopped before Future completed.");
}

void event_loop::cancel_remaining_tasks() {
    // asyncio.runners._cancel_all_tasks
    std::vector<any_task> to_cancel = all_tasks();
    if (to_cancel.empty()) return;
    for (auto& t : to_cancel) t.cancel();
    try {
        run_until_complete(gather(return_exceptions, to_cancel));
    } catch (const deadlock_error&) {
        return;  // a task swallowed its cancellation and waits forever; teardown destroys it
    }
    for (auto& t : to_cancel) {
        if (t.cancelled()) continue;
        if (auto e = t.exception())
            call_exception_handler({"unhandled exception during asyncio.run() shutdown", t.id(), e});
    }
}

bool event_loop::run_once() {
    if (m_running) {
        iterate();
        return m_stopping;
    }
    running_scope scope(*this);
    iterate();
    return m_stopping;  // before the scope ends, which clears it
}

void event_loop::iterate() {
    ++m_iteration;
    if (observed()) notify<&instrument::on_iteration_begin>(m_iteration, time());

    // 1. Drop cancelled timers.
    if (m_timers.size() > min_scheduled_timers_for_rebuild &&
        double(m_cancelled_timers) / double(m_timers.size()) > min_cancelled_timer_fraction) {
        m_timers.rebuild([](const detail::ref<detail::handle_state>& h) {
            return h->m_where != detail::handle_state::where::cancelled;
        });
        m_cancelled_timers = 0;
    } else {
        while (!m_timers.empty() && m_timers.top()->m_where == detail::handle_state::where::cancelled) {
            --m_cancelled_timers;
            (void)m_timers.pop();
        }
    }

    // 2. Poll.
    std::optional<double> timeout;
    if (!m_ready.empty() || m_stopping)
        timeout = 0.0;
    else if (!m_timers.empty())
        timeout = std::min(std::max(0.0, m_timers.top()->m_when - time()), maximum_poll_timeout);
    const double before = time();
    if (!m_clock->poll(timeout)) {
        std::string waits = describe_waits();
        if (observed()) notify<&instrument::on_deadlock>(std::string_view(waits));
        throw deadlock_error("deadlock: nothing is ready and no timer is pending; " + waits);
    }
    if (time() != before && observed()) notify<&instrument::on_clock_advanced>(before, time(), false);

    // 3. Due timers to the ready queue.
    const double end_time = time() + clock_resolution;
    while (!m_timers.empty() && m_timers.top()->m_when < end_time) {
        detail::ref<detail::handle_state> h = m_timers.pop();
        // A timer cancelled behind the heap's head moves too, as in asyncio,
        // and stays cancelled: run_ready_entry skips it.
        if (h->m_where != detail::handle_state::where::cancelled) h->m_where = detail::handle_state::where::ready;
        const handle_id id = h->m_id;
        push_ready({&handle_kind, std::move(h)}, nullptr, id);
        if (observed()) notify<&instrument::on_timer_fired>(id);
    }

    // 4. Run what is ready now.
    for (std::size_t n = m_ready.size(); n > 0; --n) {
        const ready_entry entry = m_ready.pop_front();
        struct release_at_exit {
            const ready_entry& entry;
            ~release_at_exit() { release_entry(entry); }
        } release{entry};
        if (entry.kind == &task_base::step_kind && !observed()) [[likely]]
            static_cast<task_base*>(entry.target)->step(nullptr);  // the common case, inline
        else
            run_ready_entry(entry);
    }
    m_ready.shrink();
    if (observed()) notify<&instrument::on_iteration_end>(m_iteration);
}

void event_loop::run_ready_entry(const ready_entry& entry) {
    if (entry.kind == &task_base::step_kind || entry.kind == &task_base::wakeup_kind) [[likely]] {
        auto& t = static_cast<task_base&>(*entry.target);
        if (observed()) [[unlikely]]
            notify<&instrument::on_step_begin>(t.id(), entry.id);
        // A step captures the coroutine's exceptions itself.
        if (entry.kind == &task_base::step_kind)
            t.step(nullptr);
        else
            t.wakeup(*entry.arg);
        return;
    }
    const detail::callback_kind* kind = entry.kind;
    detail::ref_counted* target = entry.target;
    if (kind == &handle_kind) {
        auto& h = static_cast<detail::handle_state&>(*target);
        if (h.m_where == detail::handle_state::where::cancelled) {
            if (observed()) notify<&instrument::on_handle_skipped>(entry.id);
            return;
        }
        h.m_where = detail::handle_state::where::ran;
        kind = h.m_callback.kind;
        target = h.m_callback.target.get();
        if (kind == &foreign_step_kind) {
            const task_id foreign = static_cast<foreign_step_target*>(target)->m_task;
            if (observed()) notify<&instrument::on_step_begin>(foreign, entry.id);
            try {
                kind->run(target, entry.arg);
            } catch (...) {
                call_exception_handler({"Exception in a foreign task's step", foreign, std::current_exception()});
            }
            return;
        }
    }
    if (observed()) notify<&instrument::on_callback_begin>(entry.id, std::string_view(describe_callback(kind, target)));
    try {
        kind->run(target, entry.arg);
    } catch (...) {
        call_exception_handler({"Exception in callback " + describe_callback(kind, target), 0, std::current_exception()});
    }
    if (observed()) notify<&instrument::on_callback_end>(entry.id);
}

// [SECTION] scheduling

void event_loop::schedule(detail::callback cb, future_base* arg) {
    if (observed()) {
        std::string what = describe_callback(cb.kind, cb.target.get());
        const handle_id id = push_ready(std::move(cb), arg);
        notify<&instrument::on_callback_scheduled>(id, std::string_view(what));
        return;
    }
    push_ready(std::move(cb), arg);
}

void event_loop::schedule_task_step(task_base& t, schedule_reason why, detail::callback step) {
    const handle_id id = push_ready(std::move(step), nullptr);
    if (observed()) notify_task_scheduled(t, id, why, nullptr);
}

void event_loop::notify_task_scheduled(const task_base& t, handle_id id, schedule_reason why,
                                       const future_base* cause) {
    if (cause) {
        const std::string what = cause->describe();
        notify<&instrument::on_task_scheduled>(task_scheduled_info{t.id(), id, why, what});
    } else {
        notify<&instrument::on_task_scheduled>(task_scheduled_info{t.id(), id, why, {}});
    }
}

handle event_loop::call_soon(std::function<void()> fn) {
    auto h = detail::make_ref<detail::handle_state>(
        *this, detail::make_callback("callback", [fn = std::move(fn)](future_base*) { fn(); }), ++m_handle_count, 0.0);
    push_ready({&handle_kind, h}, nullptr, h->m_id);
    if (observed()) notify<&instrument::on_callback_scheduled>(h->m_id, std::string_view("callback"));
    return handle(std::move(h));
}

handle event_loop::call_soon(std::function<void()> fn, std::string what) {
    detail::callback cb{&named_function_kind, detail::make_ref<named_function_target>(std::move(what), std::move(fn))};
    auto h = detail::make_ref<detail::handle_state>(*this, std::move(cb), ++m_handle_count, 0.0);
    push_ready({&handle_kind, h}, nullptr, h->m_id);
    if (observed()) {
        const auto& name = static_cast<named_function_target&>(*h->m_callback.target).m_name;
        notify<&instrument::on_callback_scheduled>(h->m_id, std::string_view(name));
    }
    return handle(std::move(h));
}

timer_handle event_loop::call_at(double when, std::function<void()> fn, std::string what) {
    return schedule_at(when,
                       {&named_function_kind, detail::make_ref<named_function_target>(std::move(what), std::move(fn))});
}

// [SECTION] foreign

task_id event_loop::add_foreign_task(std::string_view name, std::string_view coroutine, task_id parent,
                                     const source_location& created_at) {
    const task_id id = next_task_id();
    if (observed()) notify<&instrument::on_task_created>(task_created_info{id, parent, name, coroutine, created_at});
    return id;
}

handle event_loop::call_soon_step(task_id task, schedule_reason why, std::string_view cause, std::function<void()> fn) {
    auto h = detail::make_ref<detail::handle_state>(
        *this, detail::callback{&foreign_step_kind, detail::make_ref<foreign_step_target>(task, std::move(fn))},
        ++m_handle_count, 0.0);
    push_ready({&handle_kind, h}, nullptr, h->m_id);
    if (observed()) notify<&instrument::on_task_scheduled>(task_scheduled_info{task, h->m_id, why, cause});
    return handle(std::move(h));
}

timer_handle event_loop::call_later(double delay, std::function<void()> fn) {
    return call_at(time() + delay, std::move(fn));
}

timer_handle event_loop::call_at(double when, std::function<void()> fn) {
    return schedule_at(when, detail::make_callback("callback", [fn = std::move(fn)](future_base*) { fn(); }));
}

timer_handle event_loop::schedule_at(double when, detail::callback cb) {
    auto h = detail::make_ref<detail::handle_state>(*this, std::move(cb), ++m_handle_count, when);
    h->m_where = detail::handle_state::where::heap;
    m_timers.push(h);
    if (observed()) {
        std::string what = describe_callback(h->m_callback.kind, h->m_callback.target.get());
        notify<&instrument::on_timer_armed>(timer_info{h->m_id, when, what});
    }
    return timer_handle(std::move(h));
}

void event_loop::on_timer_cancelled(detail::handle_state& h) noexcept {
    if (h.m_where == detail::handle_state::where::heap) ++m_cancelled_timers;
    if (observed()) notify<&instrument::on_timer_cancelled>(h.m_id);
}

void handle::cancel() const {
    if (!m_state) return;
    auto where = m_state->m_where;
    if (where == detail::handle_state::where::cancelled || where == detail::handle_state::where::ran) {
        m_state->m_where = detail::handle_state::where::cancelled;
        return;
    }
    m_state->m_loop->on_timer_cancelled(*m_state);
    m_state->m_where = detail::handle_state::where::cancelled;
    m_state->m_callback = {};  // drop references early, as Handle.cancel does
}

void event_loop::block(double seconds) {
    const double before = time();
    m_clock->block(seconds);
    if (observed()) notify<&instrument::on_clock_advanced>(before, time(), true);
}

any_task event_loop::current_task() const {
    return m_step.task ? any_task(detail::ref<task_base>(m_step.task)) : any_task();
}

std::vector<any_task> event_loop::all_tasks() const {
    std::vector<any_task> tasks;
    for (task_base* t = m_first_task; t; t = t->m_next)
        if (!t->done()) tasks.emplace_back(detail::ref<task_base>(t));
    return tasks;
}

void event_loop::register_task(task_base& t) noexcept {
    t.m_prev = m_last_task;
    if (m_last_task)
        m_last_task->m_next = &t;
    else
        m_first_task = &t;
    m_last_task = &t;
}

void event_loop::unregister_task(task_base& t) noexcept {
    (t.m_prev ? t.m_prev->m_next : m_first_task) = t.m_next;
    (t.m_next ? t.m_next->m_prev : m_last_task) = t.m_prev;
    t.m_prev = t.m_next = nullptr;
}

std::string event_loop::describe_waits() const {
    std::string s;
    for (task_base* t = m_first_task; t; t = t->m_next) {
        if (t->done()) continue;
        if (!s.empty()) s += "; ";
        s += t->name();
        if (const future_base* w = t->waiting_on()) {
            s += " waits on ";
            s += w->describe();
        } else {
            s += " is not waiting";
        }
    }
    if (m_foreign_waits) {
        std::string foreign = m_foreign_waits();
        if (!s.empty() && !foreign.empty()) s += "; ";
        s += foreign;
    }
    return s.empty() ? "no task is pending" : s;
}

// [SECTION] observing

void event_loop::attach(instrument& i) {
    m_instruments.push_back(&i);
    detail::g_observers.fetch_add(1, std::memory_order_relaxed);
}

void event_loop::detach(instrument& i) noexcept {
    if (std::erase(m_instruments, &i) > 0) detail::g_observers.fetch_sub(1, std::memory_order_relaxed);
}

void event_loop::detach_failed(instrument* i, std::exception_ptr e) noexcept {
    detach(*i);
    call_exception_handler({"An instrument raised and was detached", 0, std::move(e)});
}

void event_loop::set_exception_handler(std::function<void(const loop_error&)> handler) {
    m_exception_handler = handler ? std::move(handler) : default_exception_handler;
}

void event_loop::call_exception_handler(const loop_error& e) noexcept {
    if (observed()) {
        std::string text = e.message;
        if (e.exception) text += ": " + describe_exception(e.exception);
        notify<&instrument::on_error>(e.task, std::string_view(text));
    }
    try {
        m_exception_handler(e);
    } catch (...) {
        default_exception_handler({"Unhandled error in exception handler", 0, std::current_exception()});
        default_exception_handler(e);
    }
}

void event_loop::set_output(std::function<void(std::string_view)> sink) { m_output = std::move(sink); }

void event_loop::print(std::string_view text, const source_location& at) {
    if (observed()) notify<&instrument::on_output>(m_step.task ? m_step.task->id() : task_id{0}, text, at);
    if (m_output) {
        m_output(text);
    } else {
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fputc('\n', stdout);
    }
}

event_loop& running_loop() {
    if (!t_running) throw std::logic_error("no running event loop");
    return *t_running;
}

event_loop* running_loop_or_null() noexcept { return t_running; }

any_task current_task() { return running_loop().current_task(); }

std::vector<any_task> all_tasks() { return running_loop().all_tasks(); }

// [SECTION] the step protocol

namespace detail {

step_context* running_step_context() noexcept { return t_running ? &t_running->step() : nullptr; }

void report_never_awaited(const coroutine_label& label) noexcept {
    event_loop* loop = t_running;
    std::string name = label.text();
    if (loop && loop->observed()) loop->notify<&instrument::on_never_awaited>(std::string_view(name), source_location{});
    std::fprintf(stderr, "RuntimeWarning: coroutine '%s' was never awaited\n", name.c_str());
}

}  // namespace detail

}  // namespace loopscope
