#pragma once
// Running a user's asyncio program, unchanged, on Loopscope's loop: an
// embedded CPython 3.11 whose asyncio event loop is a core::event_loop on the
// virtual clock. Call it in a process of its own (a child of the command
// line): CPython's _asyncio keeps process-wide state, and the program may
// crash or exit at any point.
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "loopscope/core/event_loop.hpp"

namespace loopscope::python {

/// The limits a program runs under: a program that never yields, never ends
/// or eats memory is stopped with a message naming where, instead of hanging
/// the command line or the window.
struct program_budget {
    double step_timeout = 5.0;           ///< real seconds one loop step may run (also code outside the loop)
    std::uint64_t max_steps = 1'000'000;  ///< callbacks and task steps the loops may run in all
    double max_time = std::numeric_limits<double>::infinity();  ///< --until: virtual seconds
    std::uint64_t memory_mib = 4096;     ///< the process's address space (not applied under AddressSanitizer)
};

/// What to run and how to observe it.
struct program_options {
    std::string path;               ///< the program, as given on the command line (sys.argv[0])
    std::vector<std::string> args;  ///< sys.argv[1:]
    /// The program's text is read from this file instead (the window's unsaved
    /// edit); `path` stays its name (__file__, tracebacks). Empty: `path`'s.
    std::string text_file;
    /// Print `t=<seconds> <text>` per printed line (tests/cpython/vtime.py's log)
    /// instead of the program's own output.
    bool log = false;
    std::uint64_t seed = 0;  ///< `random` is seeded with it: the same seed, the same run
    double latency = 0;      ///< one-way delay of this host's network, in virtual seconds
    program_budget budget;
    /// Called for each asyncio loop the program creates, before it runs
    /// anything: attach instruments here.
    std::function<void(event_loop&)> loop_created;
    /// Called before that loop is destroyed (loop.close(), or the end of the run).
    std::function<void(event_loop&)> loop_closing;
    /// Called once with the exit status just before the process ends or
    /// run_program returns, while the loops still exist (a deadlock ends the
    /// process at once, as the reference harness does). `stopped` says why
    /// Loopscope stopped the program (a budget), empty otherwise.
    std::function<void(int status, std::string_view stopped)> finishing;
};

/// What-if, from an instrument of the loop running now (between handles):
/// posts `task.cancel("what-if")` to that loop (call_soon) for the Python task
/// its recording knows as `task`. False when there is no such task or it is done.
bool post_what_if_cancel(task_id task);

/// sys.version of the embedded interpreter ("3.11.2 (main, ...) [GCC 12.2.0]").
[[nodiscard]] std::string python_version();

/// Runs the program in this process: initialises the interpreter, runs the
/// program as `__main__`, finalises. Returns the exit status python3 would
/// give (0; 1 for an uncaught exception; SystemExit's code), or 3 when
/// Loopscope stopped it: a deadlock (python3 would hang), reported in the log
/// as `t=<time> DEADLOCK`, otherwise on stderr, or a budget exceeded (stderr).
int run_program(const program_options& options);

}  // namespace loopscope::python
