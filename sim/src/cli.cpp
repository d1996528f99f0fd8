#include "loopscope/sim/cli.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "loopscope/sim/chrome_export.hpp"
#include "loopscope/sim/program_command.hpp"
#include "loopscope/sim/run.hpp"
#include "loopscope/sim/text_timeline.hpp"
#include "loopscope/sim/trace_file.hpp"
#include "loopscope/version.hpp"

namespace loopscope::sim {

namespace {

void list_scenarios() {
    for (const auto& s : all_scenarios()) {
        fmt::print("{:<26} {}\n", s.id, s.title);
        for (const auto& p : s.parameters) {
            auto values = parameter_values(s.parameters).as_text(std::span(&p, 1));
            fmt::print("    {}={} ({} to {}) {}\n", p.name, values[0].second, p.min, p.max, p.help);
        }
    }
}

/// `t=<seconds> <text>` for every printed line, as tests/cpython/vtime.py prints the Python twin.
void print_log(const trace& t) {
    for (std::size_t k = 0; k < t.size(); ++k) {
        const event& e = t[k];
        if (e.kind == event_kind::output)
            fmt::print("t={:.3f} {}\n", t.time_at(k), t.strings[e.a]);
        else if (e.kind == event_kind::deadlock)
            fmt::print("t={:.3f} DEADLOCK\n", t.time_at(k));
        else if (e.kind == event_kind::error && e.task == 0 && t.strings[e.a].starts_with("uncaught "))
            fmt::print("t={:.3f} {}\n", t.time_at(k), t.strings[e.a]);
    }
}

struct run_arguments {
    std::string scenario_id;
    std::vector<std::string> params;
    bool log = false;
    std::string trace_file;
    std::string chrome_file;
    double until = 0;
};

/// Runs scenario `id` with "name=value" parameters, stopping at `until` virtual seconds when positive.
trace run_with(std::string_view id, const std::vector<std::string>& params, double until) {
    const scenario& s = require_scenario(id);
    run_options options{parameter_values(s.parameters), {}, {}};
    for (const auto& p : params) set_parameter(s, options.parameters, p);
    if (until > 0) options.budget.max_time = until;
    return run_scenario(s, options);
}

int run_command(const run_arguments& args) {
    trace t = run_with(args.scenario_id, args.params, args.until);
    const std::string& id = t.origin.scenario;
    if (args.log) {
        print_log(t);
    } else {
        fmt::print("{}: {} events, {} task{}, {} loop iterations, {:.3f} s of virtual time\n", id, t.size(),
                   t.tasks.size(), t.tasks.size() == 1 ? "" : "s", t.iteration_at(t.size()), t.time_at(t.size()));
    }
    if (!t.stopped_early.empty()) fmt::print(stderr, "loopscope: {} ({}): stopped early\n", t.stopped_early, id);
    if (!args.trace_file.empty()) save_trace(t, args.trace_file);
    if (!args.chrome_file.empty()) export_chrome(t, args.chrome_file);
    return 0;
}

struct export_arguments {
    std::string trace_file;
    std::string chrome_file;
};

int export_command(const export_arguments& args) {
    export_chrome(load_trace(args.trace_file), args.chrome_file);
    return 0;
}

/// Bad input or a file that cannot be written: one line on stderr, status 2.
int refuse(const std::exception& e) {
    fmt::print(stderr, "loopscope: {}\n", e.what());
    return 2;
}

struct show_arguments {
    std::string what;  ///< a scenario id or a trace file
    std::vector<std::string> params;
    std::string axis = "time";
    double until = 0;
};

int show_command(const show_arguments& args) {
    const bool is_program = is_python_program(args.what);
    // Not a scenario id: a trace file, also when it looks like a path that is missing (say so, not "no scenario").
    bool is_file = !is_program && !find_scenario(args.what) &&
                   (std::filesystem::exists(args.what) || args.what.find_first_of("/.") != std::string::npos);
    if (is_file && (!args.params.empty() || args.until > 0))
        throw input_error(fmt::format("{}: --param and --until apply to scenarios, not to trace files", args.what));
    if (is_program && !args.params.empty())
        throw input_error(fmt::format("{}: --param applies to scenarios; a program takes its own arguments", args.what));
    recording_options recording;
    recording.until = args.until;
    trace t = is_program ? record_program(args.what, recording)
              : is_file  ? load_trace(args.what)
                         : run_with(args.what, args.params, args.until);
    playback p(t);
    text_timeline_options view;
    view.axis = args.axis == "steps"        ? timeline_axis::steps
                : args.axis == "iterations" ? timeline_axis::iterations
                                            : timeline_axis::time;
    fmt::print("{}", text_timeline(p, view));
    return 0;
}

/// --until's check: CLI11's PositiveNumber names its range up to DBL_MAX in full.
const CLI::Validator positive_seconds(
    [](std::string& text) -> std::string {
        char* end = nullptr;
        double seconds = std::strtod(text.c_str(), &end);
        return end != text.c_str() && *end == '\0' && seconds > 0 ? "" : fmt::format("expected seconds > 0; got '{}'", text);
    },
    "SECONDS");

}  // namespace

int run_command_line(int argc, char** argv) {
    // A Python program takes its own arguments, so it bypasses the option parser.
    if (argc >= 3 && std::string_view(argv[1]) == "run" && is_python_program(argv[2]))
        return run_program_command(std::span<char* const>(argv + 2, std::size_t(argc - 2)));
    CLI::App app{"Loopscope: see how an asyncio event loop really runs your coroutines."};
    app.set_version_flag("--version", std::string("loopscope ") + version);
    app.require_subcommand(0, 1);

    auto* list = app.add_subcommand("list", "List the built-in scenarios and their parameters");

    run_arguments run_args;
    auto* run = app.add_subcommand("run", "Run a scenario headless and record its trace");
    run->footer(
        "A Python program instead of a scenario:\n"
        "  loopscope run PROGRAM.py [ARGS...] [--log] [--trace FILE] [--chrome FILE] [--until SECONDS]\n"
        "                [--latency SECONDS] [--seed N] [--stdin FILE] [--step-timeout SECONDS]\n"
        "                [--max-steps N] [--max-events N] [--memory-limit MIB] [--cancel-at EVENT:TASK]\n"
        "                [--text-from FILE]\n"
        "runs it unchanged on Loopscope's loop and virtual clock (README: Running your own asyncio program).");
    run->add_option("scenario", run_args.scenario_id, "Scenario id (see `loopscope list`)")->required();
    run->add_option("--param", run_args.params, "Set a parameter: NAME=VALUE (repeatable)");
    run->add_flag("--log", run_args.log, "Print `t=<seconds> <text>` for each printed line, nothing else");
    run->add_option("--trace", run_args.trace_file, "Save the native trace to FILE");
    run->add_option("--chrome", run_args.chrome_file, "Export Chrome Trace Event JSON to FILE");
    run->add_option("--until", run_args.until, "Stop after this many virtual seconds")->check(positive_seconds);

    show_arguments show_args;
    auto* show = app.add_subcommand("show", "Print a text timeline of a scenario run or a trace file");
    show->add_option("what", show_args.what, "Scenario id, trace file or Python program (PROGRAM.py)")->required();
    show->add_option("--param", show_args.params, "Set a parameter: NAME=VALUE (repeatable)");
    show->add_option("--axis", show_args.axis,
                     "x axis: time (virtual seconds), steps (virtual seconds with each instant opened up into "
                     "its steps) or iterations")
        ->check(CLI::IsMember({"steps", "time", "iterations"}));
    show->add_option("--until", show_args.until, "Stop after this many virtual seconds")->check(positive_seconds);

    export_arguments export_args;
    auto* exporter = app.add_subcommand("export", "Convert a saved trace for other viewers");
    exporter->add_option("trace", export_args.trace_file, "A trace saved with `loopscope run --trace`")->required();
    exporter->add_option("--chrome", export_args.chrome_file, "Write Chrome Trace Event JSON (Perfetto) to FILE")
        ->required();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int status = app.exit(e);
        return status == 0 ? 0 : 2;
    }
    try {
        if (*list) {
            list_scenarios();
            return 0;
        }
        if (*run) return run_command(run_args);
        if (*show) return show_command(show_args);
        if (*exporter) return export_command(export_args);
        fmt::print("{}", app.help());
        return 0;
    } catch (const input_error& e) {
        return refuse(e);
    } catch (const std::system_error& e) {
        return refuse(e);
    }
}

}  // namespace loopscope::sim
