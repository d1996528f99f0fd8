// loopscope: the visualizer, or the command line when the first argument is a
// subcommand (list, run, show, export; see sim/cli.hpp).
//
//   loopscope [PROGRAM.py | TRACE] [--scenario ID] [--param NAME=VALUE ...] [--open FILE] [--at-event K]
//             [--font-scale S] [--theme dark|light] [--axis steps|time|iterations] [--reveal]
//             [--hide explanation,loop,source,console,tasks] [--select TASK]
//             [--screenshot OUT.png [--timeline-only] [--layout OUT.json]] [--trace FILE]
//
// Without a display it says so and runs the scenario headless: a text
// timeline on stdout, and the trace written to --trace FILE if given.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <set>

#include "app.hpp"
#include "loopscope/sim/cli.hpp"
#include "loopscope/sim/text_timeline.hpp"
#include "loopscope/sim/trace_file.hpp"
#include "loopscope/version.hpp"
#include "window.hpp"

using namespace loopscope;

namespace {

struct gui_arguments {
    std::string scenario = "countdown_gather";
    std::vector<std::string> params;
    std::string open;
    std::size_t at_event = 0;
    bool at_event_given = false;
    task_id selected = 0;
    float font_scale = 1.0f;
    std::string theme = "dark";
    std::string axis;  ///< empty: steps in the window, time in the text timeline
    bool reveal = false;
    bool colour_blind_safe = true;
    std::vector<std::string> hidden;
    std::string screenshot;
    bool timeline_only = false;
    std::string layout;
    std::string trace_file;
    int width = 1600, height = 900;
};

/// The view option that shows `part` (one of --hide's names).
bool& shown_flag(ui::view_options& v, std::string_view part) {
    if (part == "explanation") return v.show_scenario_row;
    if (part == "loop") return v.show_loop;
    if (part == "source") return v.show_source;
    if (part == "console") return v.show_console;
    return v.show_tasks;
}

sim::timeline_axis axis_named(std::string_view name) {
    if (name == "time") return sim::timeline_axis::time;
    if (name == "iterations") return sim::timeline_axis::iterations;
    return sim::timeline_axis::steps;
}

int run_headless(ui::app& a, const gui_arguments& args) {
    fmt::print("No display found (DISPLAY and WAYLAND_DISPLAY are not set): showing {} as text instead of "
               "opening the window.\n\n",
               a.title());
    sim::text_timeline_options view;
    view.axis = args.axis.empty() ? sim::timeline_axis::time : axis_named(args.axis);
    fmt::print("{}", sim::text_timeline(a.playback(), view));
    if (!args.trace_file.empty()) {
        sim::save_trace(a.trace(), args.trace_file);
        fmt::print("\nTrace written to {} (open it with `loopscope --open {}` on a machine with a display).\n",
                   args.trace_file, args.trace_file);
    }
    return 0;
}

int run_gui(const gui_arguments& args) {
    const sim::scenario& s = sim::require_scenario(args.scenario);
    sim::parameter_values values(s.parameters);
    for (const auto& p : args.params) sim::set_parameter(s, values, p);
    ui::app a(s, values);
    if (!args.open.empty()) {
        a.open_trace(args.open);
        // The window shows a program running and stays responsive; a screenshot, the text timeline
        // and --at-event (a position in the program's run) wait for it.
        if (!args.screenshot.empty() || !ui::display_available() || args.at_event_given) a.finish_program();
        // In the window the error shows as a popup over the default scenario; headless it ends the run.
        if (!a.error().empty() && !ui::display_available()) throw sim::input_error(a.error());
    }
    a.view.theme.font_scale = args.font_scale;
    a.view.theme.dark = args.theme == "dark";
    a.view.theme.palette = args.colour_blind_safe ? ui::palette_kind::colour_blind_safe : ui::palette_kind::standard;
    if (!args.axis.empty()) a.view.axis = axis_named(args.axis);
    a.view.reveal_as_you_step = args.reveal;
    for (const std::string& part : args.hidden) shown_flag(a.view, part) = false;
    if (args.at_event_given) {
        if (args.at_event > a.playback().size())
            throw sim::input_error(fmt::format("--at-event {}: the trace has {} events", args.at_event, a.playback().size()));
        a.seek(args.at_event);
    }
    if (args.selected && !a.trace().find_task(args.selected))
        throw sim::input_error(fmt::format("--select {}: the trace has no Task-{}", args.selected, args.selected));
    a.selected_task = args.selected;
    if (!ui::display_available()) return run_headless(a, args);
    ui::window_options options;
    options.width = args.width;
    options.height = args.height;
    if (!args.screenshot.empty()) options.screenshot = args.screenshot;
    if (!args.layout.empty()) options.layout = args.layout;
    options.timeline_only = args.timeline_only;
    if (!args.trace_file.empty()) sim::save_trace(a.trace(), args.trace_file);
    return ui::run_window(a, options);
}

}  // namespace

int main(int argc, char** argv) {
    static const std::set<std::string> subcommands{"list", "run", "show", "export"};
    if (argc > 1 && subcommands.contains(argv[1])) return sim::run_command_line(argc, argv);

    CLI::App cli{"Loopscope: see how an asyncio event loop really runs your coroutines.\n"
                 "Subcommands (loopscope SUBCOMMAND --help): list, run, show, export."};
    cli.set_version_flag("--version", std::string("loopscope ") + loopscope::version);
    gui_arguments args;
    cli.add_option("--scenario", args.scenario, "Scenario to open (loopscope list shows them)");
    cli.add_option("--param", args.params, "Set a parameter: NAME=VALUE (repeatable)");
    cli.add_option("--open,file", args.open,
                   "Open a native trace file, or run a Python program (PROGRAM.py) and show it, instead of a scenario");
    cli.add_option("--at-event", args.at_event, "Put the playhead after this many events")
        ->each([&](const std::string&) { args.at_event_given = true; });
    cli.add_option("--select", args.selected, "Select task N: its row in the Tasks panel, its await chain and variables");
    cli.add_option("--font-scale", args.font_scale, "Text size, 1 to 3 (presenter mode)")->check(CLI::Range(1.0f, 3.0f));
    cli.add_option("--theme", args.theme, "dark or light")->check(CLI::IsMember({"dark", "light"}));
    cli.add_option("--axis", args.axis,
                   "Timeline x axis: steps (virtual time, each step shown; the window's default), time (virtual "
                   "time only; the text timeline's default) or iterations")
        ->check(CLI::IsMember({"steps", "time", "iterations"}));
    cli.add_flag("--reveal", args.reveal, "Hide the future: reveal the timeline as you step");
    cli.add_option("--hide", args.hidden, "Hide parts of the window: explanation (the parameters and what to watch for), loop, source, console, tasks")
        ->delimiter(',')
        ->check(CLI::IsMember({"explanation", "loop", "source", "console", "tasks"}));
    cli.add_flag("!--standard-palette", args.colour_blind_safe, "Use the standard colours instead of the colour-blind-safe ones");
    cli.add_option("--screenshot", args.screenshot, "Render the window to this PNG and exit");
    cli.add_flag("--timeline-only", args.timeline_only, "With --screenshot: only the timeline panel");
    cli.add_option("--layout", args.layout, "With --screenshot: write where things were drawn (JSON)");
    cli.add_option("--trace", args.trace_file, "Also save the trace to this file");
    cli.add_option("--width", args.width, "Window width")->check(CLI::Range(640, 7680));
    cli.add_option("--height", args.height, "Window height")->check(CLI::Range(480, 4320));
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int status = cli.exit(e);
        return status == 0 ? 0 : 2;
    }
    try {
        return run_gui(args);
    } catch (const sim::input_error& e) {
        fmt::print(stderr, "loopscope: {}\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        fmt::print(stderr, "loopscope: {}\n", e.what());
        return 1;
    }
}
