#pragma once
// The application's state and actions, independent of drawing: which trace is
// shown, where the playhead is, how it plays, what the user chose to see.
// Panels read it and call its actions; nothing here touches ImGui or GL.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "edit_buffer.hpp"
#include "loopscope/sim/playback.hpp"
#include "loopscope/sim/program_command.hpp"
#include "loopscope/sim/run.hpp"
#include "loopscope/sim/timeline_model.hpp"
#include "loopscope/sim/timer_spans.hpp"
#include "theme.hpp"

namespace loopscope::ui {

/// Where the borders between panels are, as fractions, so that they follow
/// the window's size. Dragging a border changes them; they are remembered.
struct panel_sizes {
    float right_width = 0.38f;      ///< the right column (event loop, source), of the window's width
    float timeline_height = -1;     ///< the timeline, of the left column's height; < 0: fit every lane
    float console_width = 0.45f;    ///< the console, of the row under the timeline
    float loop_height = 0.38f;      ///< the event loop, of the right column's height
    float source_height = 0.6f;     ///< the source, of what the panel above leaves (console on the right), or
                                    ///< of the column when it heads it (a program's editor)
    bool console_on_right = false;  ///< the console under the source (presenter) instead of under the timeline
    friend bool operator==(const panel_sizes&, const panel_sizes&) = default;
};

/// What the user sees, beyond the trace itself.
struct view_options {
    theme_options theme;
    sim::timeline_axis axis = sim::timeline_axis::steps;
    bool reveal_as_you_step = false;  ///< hide the future instead of dimming it
    bool show_arrows = true;
    bool show_scenario_row = true;  ///< the parameters and what to watch for, under the menus
    bool show_explanation = false;  ///< the scenario's "what to watch for" in full (else its first line)
    bool show_loop = true, show_source = true, show_console = true, show_tasks = true;
    panel_sizes sizes;
    friend bool operator==(const view_options&, const view_options&) = default;

    /// Every panel back, at the default sizes (font, theme and axis stay).
    void reset_layout();
    /// For a projector: a large timeline with the source and the console beside
    /// it, everything else hidden, text at least 2×.
    void presenter();
};

/// The visible stretch of the timeline's x axis, kept inside the run.
struct timeline_range {
    double x0 = 0, x1 = 0;
    bool fit = true;  ///< show everything (until the user zooms or pans)
    /// Zooms by `factor` (< 1: in) keeping `anchor` (an x value) where it is,
    /// then clamps to [begin, end] of the run.
    void zoom(double factor, double anchor, double begin, double end);
    /// Moves by `dx` (axis units), clamped to the run.
    void pan(double dx, double begin, double end);
    /// The whole run with a margin.
    void fit_to(double begin, double end);

private:
    void clamp(double begin, double end);
};

/// The height the caption under the transport keeps (the tallest of the run
/// at this width and text size, up to two lines), so that the panels under it
/// stay put while captions of one and two lines alternate.
struct caption_room {
    float height = 0, wrap = 0, font = 0;
};

/// A file operation the user asked for through a menu; the window asks for a path.
enum class file_action { none, open_trace, save_trace, export_chrome, export_png_window, export_png_timeline };

class app {
public:
    /// Opens on the scenario with these parameters.
    app(const sim::scenario& s, sim::parameter_values parameters);
    /// Opens on a recorded trace (a file, or a program recorded with sim::recorder).
    explicit app(sim::trace recorded);

    // [SECTION] what is shown
    [[nodiscard]] const sim::trace& trace() const noexcept { return *m_trace; }
    [[nodiscard]] sim::playback& playback() noexcept { return *m_playback; }
    [[nodiscard]] const sim::timeline_model& timeline() const noexcept { return *m_timeline; }
    /// Every timer of the trace (the timeline draws them on the lanes).
    [[nodiscard]] const std::vector<sim::timer_span>& timers() const noexcept { return m_timers; }
    /// The built-in scenario shown, or null for a trace file of something else.
    [[nodiscard]] const sim::scenario* scenario() const noexcept { return m_scenario; }
    [[nodiscard]] sim::parameter_values& parameters() noexcept { return m_parameters; }
    /// Where the trace came from, for the title bar: a scenario id or a file name.
    [[nodiscard]] const std::string& title() const noexcept { return m_title; }
    /// The state at the playhead.
    [[nodiscard]] const sim::loop_state& state() { return m_playback->state_at(m_position); }

    // [SECTION] changes that replace the trace
    // Panels draw from the trace, the playback and the timeline model; a change
    // that replaces them (what-if, a parameter, another scenario, a file) is
    // asked for with request() while a frame is drawn and applied between frames.
    void request(std::function<void(app&)> change) { m_requests.push_back(std::move(change)); }
    /// Applies the changes asked for, in order. The window calls it before each frame.
    void apply_requests();
    [[nodiscard]] bool has_requests() const noexcept { return !m_requests.empty(); }

    // [SECTION] scenario and what-if (apply at once: call them through request() while drawing)
    void choose_scenario(const sim::scenario& s);
    /// Re-runs the scenario with the current parameters and what-if cancels; keeps the playhead.
    void rerun();
    /// What-if: cancel `task` at the playhead, re-run, stay at the same position
    /// (a program re-runs in a child with the cancel posted at that event).
    void cancel_at_playhead(task_id task);
    [[nodiscard]] bool has_what_if() const noexcept { return !m_cancels.empty(); }
    /// A recorded program's run is shown (its re-runs and what-ifs run in a child).
    [[nodiscard]] bool shows_program() const noexcept { return !m_trace->origin.program.path.empty(); }
    void clear_what_if();

    // [SECTION] files (errors go to error(); what was shown stays)
    /// A trace file, or a Python program (open_program).
    void open_trace(const std::filesystem::path& file);
    void save_trace(const std::filesystem::path& file);
    void export_chrome(const std::filesystem::path& file);
    [[nodiscard]] const std::string& error() const noexcept { return m_error; }
    void report_error(std::string message) { m_error = std::move(message); }
    void clear_error() { m_error.clear(); }
    /// A short confirmation ("Saved countdown.loopscope"), shown in the status line.
    [[nodiscard]] const std::string& status() const noexcept { return m_status; }
    void set_status(std::string message) { m_status = std::move(message); }
    file_action pending_file_action = file_action::none;

    // [SECTION] a program running: recorded in a child while the window keeps drawing
    /// Starts running `file` with `arguments`; what is shown stays until its
    /// trace is ready, which is shown from its start, or at the same event
    /// when `keep_position` (a re-run).
    void open_program(const std::filesystem::path& file, const std::vector<std::string>& arguments = {},
                      bool keep_position = false);
    /// Runs the program shown again with program_arguments: the editor's text
    /// when it has unsaved edits, else its file as it is now. The playhead
    /// stays at the same event, or at the same printed line when the event at
    /// the playhead printed one (the user was reading the output).
    void rerun_program();
    /// The program's arguments as the user typed them (words split at spaces);
    /// set from the run when a program's trace is shown.
    std::string program_arguments;
    /// The program running, or null.
    [[nodiscard]] const sim::program_recording* running_program() const noexcept { return m_running.get(); }
    /// Shows the program's run once its child is done (the window calls it
    /// between frames). True while it still runs.
    bool poll_program();
    /// Waits for the program and shows its run (a screenshot, the text timeline).
    void finish_program();
    /// Stops it; the run shown before stays.
    void stop_program();
    /// Runs an example program (a lesson, a scenario's Python listing) from a
    /// copy the user may edit (Loopscope's examples folder); a copy that was
    /// edited is run as it is, never overwritten. `name`: "lessons/countdown_tasks".
    void open_example(const std::string& name, std::string_view text);

    // [SECTION] the program's text, edited in the Source panel
    /// The program's text as the user edits it (set from each run of another file or of a changed one).
    edit_buffer editor;
    /// The editor has the keyboard: keys type, they do not step the playhead.
    bool editor_focused = false;
    [[nodiscard]] bool has_unsaved_edits() const { return shows_program() && editor.modified(); }
    /// Writes the editor's text to the program's file, atomically.
    void save_program();
    /// Why the last run of the edited text did not start (a syntax error, a
    /// missing import) and where; the run shown is then the last one that did.
    struct start_failure {
        std::uint32_t line = 0;
        std::string said;     ///< Python's words: "SyntaxError: '(' was never closed"
        std::string message;  ///< all the program wrote on stderr
    };
    [[nodiscard]] const std::optional<start_failure>& edit_failure() const noexcept { return m_edit_failure; }
    /// The line of the editor's text that an error points at (0: none).
    [[nodiscard]] std::uint32_t editor_error_line() const;

    // [SECTION] leaving a program with unsaved edits
    /// A change that leaves the program shown (another file, a scenario, an
    /// example, quitting): asked for at once, or, with unsaved edits, once the
    /// user has answered the window's question.
    void leave_program(std::function<void(app&)> change);
    [[nodiscard]] bool asks_to_leave() const noexcept { return static_cast<bool>(m_leaving); }
    enum class leave_answer { save, discard, stay };
    void answer_leave(leave_answer answer);
    /// The window closes once this is set (quitting went through leave_program).
    bool quit_requested = false;

    // [SECTION] playhead
    [[nodiscard]] std::size_t position() const noexcept { return m_position; }
    void seek(std::size_t position);
    void step_forward() { seek(m_playback->next(m_position, unit)); }
    void step_back() { seek(m_playback->previous(m_position, unit)); }
    void first() { seek(0); }
    void last() { seek(m_playback->size()); }
    void toggle_play();
    [[nodiscard]] bool playing() const noexcept { return m_playing; }
    /// Advances playback by `seconds` of wall time (called every frame).
    void tick(double seconds);

    /// Steps per second at 1×.
    static constexpr double steps_per_second_at_1x = 2.0;
    sim::step_unit unit = sim::step_unit::event;
    float speed = 1.0f;  ///< 0.25× to 16× of steps_per_second_at_1x
    /// Real time: one virtual second of the run takes one second (sleeps last as long as they say).
    bool real_time = false;
    view_options view;
    timeline_range range;
    caption_room caption;  ///< reset with each run shown
    /// Task whose row the Tasks panel highlights (hovered or clicked on a lane), 0: none.
    task_id selected_task = 0;
    /// A line of a program's listing the user pointed at (a frame of an await
    /// chain): the Source panel outlines it and scrolls to it. 0: none.
    std::uint32_t pointed_line = 0;

private:
    void show(std::unique_ptr<sim::trace> t);
    /// Starts the child that records `file` (open_program, rerun_program).
    void start_program(const std::filesystem::path& file, sim::recording_options options, bool keep_position);
    /// Shows a trace opened from `file` (a trace file, a program's run) from its start.
    void show_opened(std::unique_ptr<sim::trace> t, const std::filesystem::path& file, bool keep_position = false);

    const sim::scenario* m_scenario = nullptr;
    sim::parameter_values m_parameters;
    std::vector<sim::cancel_intervention> m_cancels;
    std::unique_ptr<sim::trace> m_trace;
    std::unique_ptr<sim::playback> m_playback;
    std::unique_ptr<sim::timeline_model> m_timeline;
    std::vector<sim::timer_span> m_timers;
    std::string m_title;
    std::string m_error;
    std::string m_status;
    std::vector<std::function<void(app&)>> m_requests;
    std::unique_ptr<sim::program_recording> m_running;
    bool m_keep_position = false;  ///< the run under way is a re-run: show it at the same event
    bool m_running_edit = false;   ///< the run under way is of the editor's unsaved text
    std::optional<start_failure> m_edit_failure;
    std::function<void(app&)> m_leaving;  ///< waits for the user's answer about unsaved edits
    std::string m_said_when_shown;  ///< the status for the run under way, once it is shown
    std::size_t m_position = 0;
    bool m_playing = false;
    double m_step_debt = 0;  ///< fraction of a step owed to the next frame
    double m_virtual_now = 0;  ///< real-time pace: the virtual time the playhead is heading for
};

}  // namespace loopscope::ui
