#pragma once
// `loopscope run PROGRAM.py [ARGS...] [--log] [--trace FILE] [--chrome FILE]`:
// a user's asyncio program, unchanged, on Loopscope's loop (loopscope_python).
//
// The command line never hosts Python: it runs the program in a child,
// loopscope-python (one interpreter per run: CPython's _asyncio keeps
// process-wide state; the only executable that contains libpython), and
// returns the child's exit status. Options are
// Loopscope's wherever they appear after PROGRAM.py; every other argument,
// and everything after `--`, is the program's.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "loopscope/sim/run.hpp"
#include "loopscope/sim/trace.hpp"

namespace loopscope::sim {

/// True when `loopscope run <what>` names a Python program rather than a scenario.
[[nodiscard]] bool is_python_program(std::string_view what) noexcept;

/// `run PROGRAM.py ...`: `args` is what follows `run`. Returns the exit status
/// (python3's; 2 for Loopscope's usage and input errors, named on stderr; 3
/// when Loopscope stopped the program: a deadlock or a budget exceeded).
int run_program_command(std::span<char* const> args);

/// How record_program runs the program.
struct recording_options {
    double until = 0;          ///< stop at this many virtual seconds, when positive
    bool keep_errors = false;  ///< keep stderr and the exit status in the trace (the window) instead of passing it on
    std::vector<std::string> args;  ///< the program's own arguments (sys.argv[1:])
    std::vector<cancel_intervention> cancels;  ///< what-ifs: `--cancel-at EVENT:TASK`
    /// Run this text as the program instead of the file's (the window's unsaved
    /// edit); the file stays its name in tracebacks and __file__.
    std::optional<std::string> text;
};

/// A program being recorded in a child, its stdout discarded (the timeline
/// shows it): the window starts one and keeps drawing, polling it between frames.
class program_recording {
public:
    /// Starts the child. Throws input_error when the file is missing, std::runtime_error when no child starts.
    program_recording(const std::string& path, const recording_options& options = {});
    program_recording(program_recording&&) noexcept;
    program_recording& operator=(program_recording&&) noexcept;
    /// A child still running is killed; its scratch files are removed.
    ~program_recording();

    [[nodiscard]] const std::string& path() const noexcept;
    /// Real seconds since it started.
    [[nodiscard]] double seconds() const noexcept;
    /// Whether the child still runs. Never blocks.
    [[nodiscard]] bool running();
    /// Ends the child at once; result() then throws input_error ("stopped after 2.5 s").
    void stop() noexcept;
    /// Waits for the child and returns the trace it recorded; a program that
    /// failed still gives one (its exit status and stderr in origin.program when
    /// kept). Throws input_error when it could not be recorded or was stopped.
    [[nodiscard]] trace result();

private:
    struct state;
    std::unique_ptr<state> m;
};

/// `show PROGRAM.py` and the window: runs the program in a child, its stdout
/// discarded (the timeline shows it), and returns the trace recorded; a
/// program that fails still gives one (empty when it could not start).
/// Throws input_error when the file is missing or the program cannot be
/// recorded (its errors in the message when kept).
[[nodiscard]] trace record_program(const std::string& path, const recording_options& options = {});

/// The child's file name; it takes the words that follow `run`.
inline constexpr std::string_view program_child_executable = "loopscope-python";

}  // namespace loopscope::sim
