#include "loopscope/sim/program_command.hpp"

#include <fmt/format.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "loopscope/python/program.hpp"
#include "loopscope/sim/chrome_export.hpp"
#include "loopscope/sim/input_error.hpp"
#include "loopscope/sim/recorder.hpp"
#include "loopscope/sim/trace_file.hpp"

extern char** environ;

namespace loopscope::sim {

namespace {

/// The command line of a program run, split into Loopscope's options and the program's.
struct program_arguments {
    std::string path;
    std::vector<std::string> args;
    bool log = false;
    std::string trace_file;
    std::string chrome_file;
    std::string stdin_file;  ///< what input() reads; empty: end of file at once
    std::uint64_t seed = 0;
    double latency = 0;
    python::program_budget budget;
};

/// `text` as a number the option accepts, or an input_error that says what it needs.
template <typename Number>
Number number_option(std::string_view option, const std::string& text, Number lowest, std::string_view what) {
    Number value{};
    const char* end = text.data() + text.size();
    auto [stop, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc() || stop != end || !(value >= lowest))  // NaN too
        throw input_error(fmt::format("{} needs {}; got '{}'", option, what, text));
    return value;
}

/// Parses what follows `run` (parent) or `__program` (child: the same words).
program_arguments parse(std::span<char* const> words) {
    program_arguments a;
    a.path = words[0];
    bool own_options = true;
    for (std::size_t i = 1; i < words.size(); ++i) {
        const std::string_view w = words[i];
        auto value = [&](std::string_view option, std::string_view what = "a file name") -> std::string {
            if (i + 1 >= words.size()) throw input_error(fmt::format("{} needs {}", option, what));
            return words[++i];
        };
        if (!own_options) {
            a.args.emplace_back(w);
        } else if (w == "--") {
            own_options = false;
        } else if (w == "--log") {
            a.log = true;
        } else if (w == "--trace") {
            a.trace_file = value(w);
        } else if (w == "--chrome") {
            a.chrome_file = value(w);
        } else if (w == "--stdin") {
            a.stdin_file = value(w);
        } else if (w == "--seed") {
            a.seed = number_option<std::uint64_t>(w, value(w, "a number"), 0, "a whole number from 0");
        } else if (w == "--latency") {
            constexpr std::string_view what = "a number of seconds from 0";
            a.latency = number_option<double>(w, value(w, what), 0, what);
        } else if (w == "--step-timeout") {
            constexpr std::string_view what = "a number of seconds greater than 0";
            a.budget.step_timeout = number_option<double>(w, value(w, what), 0.001, what);
        } else if (w == "--max-steps") {
            constexpr std::string_view what = "a whole number from 1";
            a.budget.max_steps = number_option<std::uint64_t>(w, value(w, what), 1, what);
        } else if (w == "--memory-limit") {
            constexpr std::string_view what = "a number of MiB from 64";
            a.budget.memory_mib = number_option<std::uint64_t>(w, value(w, what), 64, what);
        } else if (w == "--until") {
            constexpr std::string_view what = "a number of seconds greater than 0";
            a.budget.max_time = number_option<double>(w, value(w, what), 1e-9, what);
        } else if (w == "--param" || w.starts_with("--param=")) {
            throw input_error(fmt::format("{}: --param applies to scenarios; a program takes its own arguments", a.path));
        } else {
            a.args.emplace_back(w);
        }
    }
    return a;
}

/// The checks that need no interpreter: the file exists and can be read.
void check_readable(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw input_error(fmt::format("{}: no such file", path));
    if (std::filesystem::is_directory(path, ec)) throw input_error(fmt::format("{}: is a directory", path));
    std::ifstream in(path);
    if (!in) throw input_error(fmt::format("{}: cannot be read", path));
}

/// The program's text, as it was when it ran (the trace shows it as the listing).
std::string source_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// The executable to re-run as the child.
std::string self_executable() {
    std::error_code ec;
    auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) throw std::runtime_error(fmt::format("cannot find the loopscope executable: {}", ec.message()));
    return p.string();
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

/// Runs `loopscope run __program WORDS...` and returns its exit status: python3's,
/// 128 + SIGINT after Ctrl-C, 2 (said on its stderr) when it was killed by another signal.
int run_child(const std::string& path, const std::vector<std::string>& words, const child_io& io) {
    std::vector<std::string> child{self_executable(), "run", std::string(program_child_name)};
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
        const program_arguments a = parse(words);
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
    const std::string errors = options.keep_errors ? source_text(errors_file) : std::string();
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

int program_child_command(std::span<char* const> words) {
    program_arguments a;
    try {
        a = parse(words);
    } catch (const input_error& e) {
        fmt::print(stderr, "loopscope: {}\n", e.what());
        return 2;
    }
    const bool recording = !a.trace_file.empty() || !a.chrome_file.empty();
    trace t;
    std::unique_ptr<recorder> rec;
    event_loop* recorded = nullptr;
    python::program_options options;
    options.path = a.path;
    options.args = a.args;
    options.log = a.log;
    options.seed = a.seed;
    options.latency = a.latency;
    options.budget = a.budget;
    if (recording) {
        t.origin.program.source = source_text(a.path);  // as it was when it ran
        // The first loop the program makes is the one recorded (asyncio.run makes one).
        options.loop_created = [&](event_loop& loop) {
            if (recorded) return;
            recorded = &loop;
            rec = std::make_unique<recorder>(loop, t);
        };
        options.loop_closing = [&](event_loop& loop) {
            if (&loop == recorded) rec.reset();
        };
        options.finishing = [&](int, std::string_view stopped) {
            rec.reset();
            t.origin.program.path = a.path;
            t.origin.program.args = a.args;
            t.origin.program.seed = a.seed;
            t.origin.program.python_version = python::python_version();
            if (!stopped.empty()) t.stopped_early = stopped;
            try {
                if (!a.trace_file.empty()) save_trace(t, a.trace_file);
                if (!a.chrome_file.empty()) export_chrome(t, a.chrome_file);
            } catch (const std::exception& e) {
                fmt::print(stderr, "loopscope: {}\n", e.what());
            }
        };
    }
    return python::run_program(options);
}

}  // namespace loopscope::sim
