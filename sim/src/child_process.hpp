#pragma once
// The process that runs one Python program (loopscope-python): started with
// its standard streams set, waited for or polled, stopped. The command line
// waits for it; the window polls it between frames and keeps drawing.
#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace loopscope::sim {

/// Where the child's standard streams go.
struct child_io {
    bool quiet_stdout = false;  ///< to /dev/null (the timeline shows what it printed)
    std::string stdin_file;     ///< what input() reads; empty: end of file at once
    std::string stderr_file;    ///< empty: this process's stderr
};

class child_process {
public:
    /// Starts loopscope-python with `words` (what follows `loopscope run`). Throws std::runtime_error.
    child_process(const std::vector<std::string>& words, const child_io& io);
    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;
    /// A child still running is killed and reaped: nothing outlives its owner.
    ~child_process();

    /// Its exit status once it ended (see exit_status), nullopt while it runs. Never blocks.
    [[nodiscard]] std::optional<int> poll();
    /// Waits for it to end; its exit status. Ctrl-C meanwhile reaches the child only
    /// (KeyboardInterrupt, as in python3), not this process.
    int wait();
    /// Ends it at once (SIGKILL); poll() and wait() then say so.
    void kill() noexcept;

private:
    /// python3's exit status: its code, 128 + SIGINT after Ctrl-C, 2 when it was
    /// killed by another signal (said on its stderr, naming `m_path`).
    int exit_status(int wait_status) const;

    pid_t m_pid = -1;
    std::string m_path;  ///< the program, for messages
    std::string m_stderr_file;
    bool m_killed = false;
    std::optional<int> m_status;
};

}  // namespace loopscope::sim
