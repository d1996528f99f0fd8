#pragma once
// The application's state and actions, independent of drawing: which trace is
// shown, where the playhead is, how it plays, what the user chose to see.
// Panels read it and call its actions; nothing here touches ImGui or GL.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "loopscope/sim/playback.hpp"
#include "loopscope/sim/run.hpp"
#include "loopscope/sim/timeline_model.hpp"
#include "theme.hpp"

namespace loopscope::ui {

/// What the user sees, beyond the trace itself.
struct view_options {
    theme_options theme;
    sim::timeline_axis axis = sim::timeline_axis::time;
    bool reveal_as_you_step = false;  ///< hide the future instead of dimming it
    bool show_arrows = true;
    bool show_explanation = true;  ///< the scenario's "what to watch for" under the scenario bar
    bool show_loop = true, show_source = true, show_console = true, show_tasks = true;
};

/// The visible stretch of the timeline's x axis.
struct timeline_range {
    double x0 = 0, x1 = 0;
    bool fit = true;  ///< show everything (until the user zooms or pans)
    /// Zooms by `factor` (< 1: in) keeping `anchor` (an x value) where it is.
    void zoom(double factor, double anchor) {
        fit = false;
        x0 = anchor - (anchor - x0) * factor;
        x1 = anchor + (x1 - anchor) * factor;
    }
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
    /// The built-in scenario shown, or null for a trace file of something else.
    [[nodiscard]] const sim::scenario* scenario() const noexcept { return m_scenario; }
    [[nodiscard]] sim::parameter_values& parameters() noexcept { return m_parameters; }
    /// Where the trace came from, for the title bar: a scenario id or a file name.
    [[nodiscard]] const std::string& title() const noexcept { return m_title; }
    /// The state at the playhead.
    [[nodiscard]] const sim::loop_state& state() { return m_playback->state_at(m_position); }

    // [SECTION] scenario and what-if
    void choose_scenario(const sim::scenario& s);
    /// Re-runs the scenario with the current parameters and what-if cancels; keeps the playhead.
    void rerun();
    /// What-if: cancel `task` at the playhead, re-run, stay at the same position.
    void cancel_at_playhead(task_id task);
    [[nodiscard]] bool has_what_if() const noexcept { return !m_cancels.empty(); }
    void clear_what_if();

    // [SECTION] files (errors go to error(); what was shown stays)
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

    sim::step_unit unit = sim::step_unit::event;
    float speed = 1.0f;  ///< 0.25× to 16×; 1× is two steps per second
    view_options view;
    timeline_range range;
    /// Task whose row the Tasks panel highlights (hovered or clicked on a lane), 0: none.
    task_id selected_task = 0;

private:
    void show(std::unique_ptr<sim::trace> t);

    const sim::scenario* m_scenario = nullptr;
    sim::parameter_values m_parameters;
    std::vector<sim::cancel_intervention> m_cancels;
    std::unique_ptr<sim::trace> m_trace;
    std::unique_ptr<sim::playback> m_playback;
    std::unique_ptr<sim::timeline_model> m_timeline;
    std::string m_title;
    std::string m_error;
    std::string m_status;
    std::size_t m_position = 0;
    bool m_playing = false;
    double m_step_debt = 0;  ///< fraction of a step owed to the next frame
};

}  // namespace loopscope::ui
