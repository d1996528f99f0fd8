#include "run_budget.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <string>

#include "bridge.hpp"

namespace loopscope::python {

namespace {

run_budget* g_budget = nullptr;

// AddressSanitizer reserves terabytes of address space: a limit on it would stop every run.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool address_sanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool address_sanitizer = true;
#else
constexpr bool address_sanitizer = false;
#endif
#else
constexpr bool address_sanitizer = false;
#endif

/// How long the watchdog waits for the main thread to answer before it ends the process itself.
constexpr std::chrono::seconds answer_grace{2};

std::string seconds_text(double seconds) {
    std::string text = std::to_string(seconds);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
    return text;
}

}  // namespace

run_budget* current_budget() noexcept { return g_budget; }

run_budget::run_budget(const program_budget& budget, const std::string& path) : m_budget(budget), m_path(path) {
    if (!address_sanitizer && budget.memory_mib > 0) {
        const rlim_t bytes = rlim_t(budget.memory_mib) << 20;
        const rlimit limit{bytes, bytes};
        setrlimit(RLIMIT_AS, &limit);
    }
    g_budget = this;
    m_watchdog = std::jthread([this](std::stop_token stop) { watch(stop); });
}

run_budget::~run_budget() {
    m_watchdog.request_stop();
    m_watchdog.join();
    g_budget = nullptr;
}

void run_budget::pause() noexcept { m_paused = true; }

void run_budget::step_started() {
    const std::uint64_t steps = m_steps.fetch_add(1, std::memory_order_relaxed) + 1;
    if (steps <= m_budget.max_steps) return;
    py_ref args = py_ref::steal(Py_BuildValue("(K)", static_cast<unsigned long long>(m_budget.max_steps)));
    stop_run("step_budget_exceeded", args.get(), 3);
}

void run_budget::clock_advancing(double to) {
    if (to <= m_budget.max_time) return;
    py_ref args = py_ref::steal(Py_BuildValue("(d)", m_budget.max_time));
    stop_run("time_budget_reached", args.get(), 0);  // what the user asked for: not a failure
}

void run_budget::watch(std::stop_token stop) {
    using clock = std::chrono::steady_clock;
    const auto limit = std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(m_budget.step_timeout));
    const auto tick = std::min<clock::duration>(limit / 20, std::chrono::milliseconds(100));
    std::uint64_t seen = m_steps.load(std::memory_order_relaxed);
    auto since = clock::now();
    bool asked = false;
    std::unique_lock lock(m_mutex);
    while (!stop.stop_requested() && !m_paused) {
        m_wake.wait_for(lock, stop, tick, [] { return false; });
        const std::uint64_t steps = m_steps.load(std::memory_order_relaxed);
        const auto now = clock::now();
        if (steps != seen || !m_armed) {
            seen = steps;
            since = now;
            asked = false;
        } else if (!asked && now - since >= limit) {
            m_reported_at = steps;
            asked = Py_AddPendingCall(report_timeout, this) == 0;
            // CPython 3.11 flags a pending call to the main thread only when the thread adding it
            // is the main thread; a GIL handover makes the main thread look again (take_gil).
            if (asked) std::thread([] { PyGILState_Release(PyGILState_Ensure()); }).detach();
        } else if (asked && now - since >= limit + answer_grace && !m_paused) {
            // The main thread runs no bytecode (a C call that blocks): nothing in Python can answer.
            const std::string message = "loopscope: " + m_path + ": the program ran for " +
                                        seconds_text(m_budget.step_timeout) +
                                        " s without yielding to the loop, blocked in a call outside Python; "
                                        "stopped (--step-timeout SECONDS changes the limit)\n";
            [[maybe_unused]] auto written = ::write(STDERR_FILENO, message.data(), message.size());
            _exit(3);
        }
    }
}

int run_budget::report_timeout(void* self_pointer) {
    auto* self = static_cast<run_budget*>(self_pointer);
    if (self->m_paused || self->m_steps.load(std::memory_order_relaxed) != self->m_reported_at)
        return 0;  // the step ended while the call was on its way
    py_ref args = py_ref::steal(Py_BuildValue("(d)", self->m_budget.step_timeout));
    stop_run("step_timeout", args.get(), 3);
}

}  // namespace loopscope::python
