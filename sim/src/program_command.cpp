#include "loopscope/sim/program_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "loopscope/sim/atomic_file.hpp"
#include "loopscope/sim/input_error.hpp"
#include "loopscope/sim/trace_file.hpp"
#include "program_arguments.hpp"

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

}  // namespace

bool is_python_program(std::string_view what) noexcept { return what.ends_with(".py"); }

int run_program_command(std::span<char* const> words) {
    try {
        const program_arguments a = parse_program_arguments(words);
        check_readable(a.path);
        if (!a.stdin_file.empty()) check_readable(a.stdin_file);
        if (!a.text_file.empty()) check_readable(a.text_file);
        child_io io;
        io.stdin_file = a.stdin_file;
        return child_process(std::vector<std::string>(words.begin(), words.end()), io).wait();
    } catch (const std::exception& e) {
        fmt::print(stderr, "loopscope: {}\n", e.what());
        return 2;
    }
}

struct program_recording::state {
    std::string path;
    recording_options options;
    std::filesystem::path trace_file, errors_file, text_file;  ///< scratch files, removed with the recording
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    std::optional<child_process> child;
    bool stopped = false;

    ~state() {
        child.reset();  // killed and reaped before its files go
        std::error_code ec;
        std::filesystem::remove(trace_file, ec);
        std::filesystem::remove(errors_file, ec);
        std::filesystem::remove(text_file, ec);
    }
};

program_recording::program_recording(const std::string& path, const recording_options& options)
    : m(std::make_unique<state>()) {
    check_readable(path);
    static std::atomic<unsigned> count{0};  // several recordings of one process must not share files
    const auto scratch =
        std::filesystem::temp_directory_path() / fmt::format("loopscope-{}-record-{}", getpid(), ++count);
    m->path = path;
    m->options = options;
    m->trace_file = scratch.string() + ".loopscope";
    m->errors_file = scratch.string() + ".stderr";
    std::vector<std::string> words{path, "--trace", m->trace_file.string()};
    if (options.text) {
        m->text_file = scratch.string() + ".py";
        write_file_atomically(m->text_file, *options.text);
        words.insert(words.end(), {"--text-from", m->text_file.string()});
    }
    if (options.until > 0) words.insert(words.end(), {"--until", fmt::format("{}", options.until)});
    for (const cancel_intervention& c : options.cancels)
        words.insert(words.end(), {"--cancel-at", fmt::format("{}:{}", c.at_event, c.task)});
    words.emplace_back("--");  // the rest are the program's, even those that look like Loopscope's options
    words.insert(words.end(), options.args.begin(), options.args.end());
    child_io io;
    io.quiet_stdout = true;
    if (options.keep_errors) io.stderr_file = m->errors_file.string();
    m->child.emplace(words, io);
}

program_recording::~program_recording() = default;
program_recording::program_recording(program_recording&&) noexcept = default;
program_recording& program_recording::operator=(program_recording&&) noexcept = default;

const std::string& program_recording::path() const noexcept { return m->path; }

double program_recording::seconds() const noexcept {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - m->started).count();
}

bool program_recording::running() { return !m->child->poll(); }

void program_recording::stop() noexcept {
    m->stopped = true;
    m->child->kill();
}

trace program_recording::result() {
    const int status = m->child->wait();
    if (m->stopped) throw input_error(fmt::format("{}: stopped after {:.1f} s", m->path, seconds()));
    const std::string errors = m->options.keep_errors ? file_text(m->errors_file.string()) : std::string();
    if (status == 2 || !std::filesystem::exists(m->trace_file))
        throw input_error(fmt::format("{}: the program could not be recorded (exit status {}){}{}", m->path, status,
                                      errors.empty() ? "" : "\n", errors));
    trace t = load_trace(m->trace_file.string());
    if (m->options.keep_errors) {
        t.origin.program.exit_status = status;
        t.origin.program.errors = errors;
    }
    return t;
}

trace record_program(const std::string& path, const recording_options& options) {
    return program_recording(path, options).result();
}

}  // namespace loopscope::sim
