#include "child_process.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "loopscope/sim/program_command.hpp"

extern char** environ;

namespace loopscope::sim {

namespace {

/// loopscope-python next to this executable (the build tree, an install's bin/)
/// or in ../libexec/loopscope/ (a packaged install).
std::string child_executable() {
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) throw std::runtime_error(fmt::format("cannot find the loopscope executable: {}", ec.message()));
    const auto folder = self.parent_path();
    for (const auto& candidate : {folder / program_child_executable,
                                  folder / ".." / "libexec" / "loopscope" / program_child_executable})
        if (std::filesystem::exists(candidate, ec)) return candidate.lexically_normal().string();
    throw std::runtime_error(fmt::format("cannot run Python programs: {} is missing (it is built and installed "
                                         "with loopscope, next to it)",
                                         (folder / program_child_executable).string()));
}

}  // namespace

child_process::child_process(const std::vector<std::string>& words, const child_io& io)
    : m_path(words.empty() ? std::string() : words.front()), m_stderr_file(io.stderr_file) {
    std::vector<std::string> child{child_executable()};
    child.insert(child.end(), words.begin(), words.end());
    std::vector<char*> argv;
    for (auto& s : child) argv.push_back(s.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (io.quiet_stdout) posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    // Deterministic input: the file given, or end of file (never the terminal a run would wait on).
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO,
                                     io.stdin_file.empty() ? "/dev/null" : io.stdin_file.c_str(), O_RDONLY, 0);
    if (!io.stderr_file.empty())
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, io.stderr_file.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0600);
    const int err = posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (err != 0) throw std::runtime_error(fmt::format("cannot start the Python process: {}", std::strerror(err)));
}

child_process::~child_process() {
    if (m_status) return;
    kill();
    while (waitpid(m_pid, nullptr, 0) < 0 && errno == EINTR) {
    }
}

std::optional<int> child_process::poll() {
    if (m_status) return m_status;
    int status = 0;
    const pid_t r = waitpid(m_pid, &status, WNOHANG);
    if (r == m_pid) m_status = exit_status(status);
    return m_status;
}

int child_process::wait() {
    if (m_status) return *m_status;
    struct sigaction ignore {}, old_int {}, old_quit {};
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGINT, &ignore, &old_int);
    sigaction(SIGQUIT, &ignore, &old_quit);
    int status = 0;
    int wait_error = 0;
    while (waitpid(m_pid, &status, 0) < 0)
        if (errno != EINTR) {
            wait_error = errno;
            break;
        }
    sigaction(SIGINT, &old_int, nullptr);
    sigaction(SIGQUIT, &old_quit, nullptr);
    if (wait_error)
        throw std::runtime_error(fmt::format("waiting for the Python process: {}", std::strerror(wait_error)));
    m_status = exit_status(status);
    return *m_status;
}

void child_process::kill() noexcept {
    if (m_status || m_killed) return;
    m_killed = true;
    ::kill(m_pid, SIGKILL);
}

int child_process::exit_status(int wait_status) const {
    if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
    const int sig = WTERMSIG(wait_status);
    if (sig == SIGINT) return 128 + sig;  // python3 ends itself with SIGINT after a KeyboardInterrupt
    if (m_killed) return 128 + sig;       // stopped by its owner, who knows why
    const std::string killed =
        fmt::format("loopscope: {}: the Python process was killed by signal {} ({})\n", m_path, sig, strsignal(sig));
    if (m_stderr_file.empty()) {
        fmt::print(stderr, "{}", killed);
    } else if (std::ofstream out(m_stderr_file, std::ios::app); out) {
        out << killed;
    }
    return 2;
}

}  // namespace loopscope::sim
