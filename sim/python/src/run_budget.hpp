#pragma once
// Enforces a program's budget (program_budget) inside the child process.
//
// Real time per step: the loop counts the handles it runs; a watchdog thread
// sees the count stand still. It then asks the main thread, through a pending
// call (run at a bytecode boundary, so `while True: pass` is reached),
// to report the task and the line and end the run. Code blocked in C never
// reaches a bytecode boundary: after a grace period the watchdog ends the
// process itself. The step count and the memory limit are checked in line.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "loopscope/python/program.hpp"

namespace loopscope::python {

class run_budget {
public:
    /// Applies the memory limit and starts the watchdog, which counts time once armed.
    run_budget(const program_budget& budget, const std::string& path);
    ~run_budget();
    run_budget(const run_budget&) = delete;
    run_budget& operator=(const run_budget&) = delete;

    /// The program starts: Loopscope's own start (interpreter, asyncio imports) is not its time.
    void arm() noexcept { m_armed = true; }
    /// A handle is about to run (main thread). Ends the run past max_steps.
    void step_started();
    /// The virtual clock is about to move to `to`. Ends the run past max_time.
    void clock_advancing(double to);
    /// While paused (saving the trace) time does not count.
    void pause() noexcept;

private:
    void watch(std::stop_token stop);
    static int report_timeout(void* self);  // a pending call, on the main thread

    program_budget m_budget;
    std::string m_path;
    std::atomic<std::uint64_t> m_steps{0};
    std::atomic<bool> m_armed{false};
    std::atomic<bool> m_paused{false};
    std::atomic<std::uint64_t> m_reported_at{0};  ///< the step count the watchdog asked about
    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::jthread m_watchdog;  ///< last: stopped and joined first
};

/// The budget of the running program, or null outside run_program.
[[nodiscard]] run_budget* current_budget() noexcept;

}  // namespace loopscope::python
