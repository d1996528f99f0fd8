#pragma once
// Running a user's asyncio program, unchanged, on Loopscope's loop: an
// embedded CPython 3.11 whose asyncio event loop is a core::event_loop on the
// virtual clock. Call it in a process of its own (a child of the command
// line): CPython's _asyncio keeps process-wide state, and the program may
// crash or exit at any point.
#include <functional>
#include <string>
#include <vector>

#include "loopscope/core/event_loop.hpp"

namespace loopscope::python {

/// What to run and how to observe it.
struct program_options {
    std::string path;               ///< the program, as given on the command line (sys.argv[0])
    std::vector<std::string> args;  ///< sys.argv[1:]
    /// Print `t=<seconds> <text>` per printed line (tests/cpython/vtime.py's log)
    /// instead of the program's own output.
    bool log = false;
    /// Called for each asyncio loop the program creates, before it runs
    /// anything: attach instruments here.
    std::function<void(event_loop&)> loop_created;
    /// Called before that loop is destroyed (loop.close(), or the end of the run).
    std::function<void(event_loop&)> loop_closing;
    /// Called once with the exit status just before the process ends or
    /// run_program returns, while the loops still exist (a deadlock ends the
    /// process at once, as the reference harness does).
    std::function<void(int status)> finishing;
};

/// Runs the program in this process: initialises the interpreter, runs the
/// program as `__main__`, finalises. Returns the exit status python3 would
/// give (0; 1 for an uncaught exception; SystemExit's code), or 3 after a
/// deadlock (python3 would hang), reported in the log as `t=<time> DEADLOCK`,
/// otherwise on stderr.
int run_program(const program_options& options);

}  // namespace loopscope::python
