#include "loopscope/sim/program_command.hpp"

#include <fmt/format.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "loopscope/sim/input_error.hpp"
#include "loopscope/sim/trace_file.hpp"
#include "program_arguments.hpp"

extern char** environ;

namespace loopscope::sim {

namespace {

/// The checks that need no interpreter: the file exists and can be read.
void check_readable(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw input_error(fmt::format("{}: no such file", path));
    if (std::filesystem::is_directory(path, ec)) throw input_error(fmt::format("{}: is a directory", path));
    std::ifstream in(path);
    if (!in) throw input_error(fmt::format("{}: cannot be read", path));
}

/// The child that runs programs: loopscope-python next to this executable (the
/// build tree, an install's bin/) or in ../libexec/loopscope/ (a packaged install).
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

bool is_python_program(std::string_view what) noexcept { return what.ends_with(".py"); }

namespace {

/// Where the child's standard streams go.
struct child_io {
    bool quiet_stdout = false;  ///< to /dev/null (the timeline shows what it printed)
    std::string stdin_file;     ///< what input() reads; empty: end of file at once
    std::string stderr_file;    ///< empty: this process's stderr
};

/// Runs `loopscope-python WORDS...` and returns its exit status: python3's,
/// 128 + SIGINT after Ctrl-C, 2 (said on its stderr) when it was killed by another signal.
int run_child(const std::string& path, const std::vector<std::string>& words, const child_io& io) {
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
    pid_t pid = 0;
    const int err = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (err != 0) throw std::runtime_error(fmt::format("cannot start the Python process: {}", std::strerror(err)));
    // Ctrl-C reaches the child through the terminal (KeyboardInterrupt, as in python3);
    // the parent waits for it to finish instead of dying first.
    struct sigaction ignore {}, old_int {}, old_quit {};
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGINT, &ignore, &old_int);
    sigaction(SIGQUIT, &ignore, &old_quit);
    int status = 0;
    int wait_error = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            wait_error = errno;
            break;
        }
    sigaction(SIGINT, &old_int, nullptr);
    sigaction(SIGQUIT, &old_quit, nullptr);
    if (wait_error)
        throw std::runtime_error(fmt::format("waiting for the Python process: {}", std::strerror(wait_error)));
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    const int sig = WTERMSIG(status);
    if (sig == SIGINT) return 128 + sig;  // python3 ends itself with SIGINT after a KeyboardInterrupt
    const std::string killed =
        fmt::format("loopscope: {}: the Python process was killed by signal {} ({})\n", path, sig, strsignal(sig));
    if (io.stderr_file.empty()) {
        fmt::print(stderr, "{}", killed);
    } else if (std::ofstream out(io.stderr_file, std::ios::app); out) {
        out << killed;
    }
    return 2;
}

}  // namespace

int run_program_command(std::span<char* const> words) {
    try {
        const program_arguments a = parse_program_arguments(words);
        check_readable(a.path);
        if (!a.stdin_file.empty()) check_readable(a.stdin_file);
        child_io io;
        io.stdin_file = a.stdin_file;
        return run_child(a.path, std::vector<std::string>(words.begin(), words.end()), io);
    } catch (const std::exception& e) {
        fmt::print(stderr, "loopscope: {}\n", e.what());
        return 2;
    }
}

trace record_program(const std::string& path, const recording_options& options) {
    check_readable(path);
    const auto scratch = std::filesystem::temp_directory_path() / fmt::format("loopscope-{}-record", getpid());
    const auto file = scratch.string() + ".loopscope", errors_file = scratch.string() + ".stderr";
    struct remove_at_exit {
        std::vector<std::filesystem::path> paths;
        ~remove_at_exit() {
            std::error_code ec;
            for (const auto& p : paths) std::filesystem::remove(p, ec);
        }
    } cleanup{{file, errors_file}};
    std::vector<std::string> words{path, "--trace", file};
    if (options.until > 0) words.insert(words.end(), {"--until", fmt::format("{}", options.until)});
    child_io io;
    io.quiet_stdout = true;
    if (options.keep_errors) io.stderr_file = errors_file;
    const int status = run_child(path, words, io);
    const std::string errors = options.keep_errors ? file_text(errors_file) : std::string();
    if (status == 2 || !std::filesystem::exists(file))
        throw input_error(fmt::format("{}: the program could not be recorded (exit status {}){}{}", path, status,
                                      errors.empty() ? "" : "\n", errors));
    trace t = load_trace(file);
    if (options.keep_errors) {
        t.origin.program.exit_status = status;
        t.origin.program.errors = errors;
    }
    return t;
}

}  // namespace loopscope::sim
