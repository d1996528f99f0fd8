#include "app.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <utility>

#include "loopscope/sim/atomic_file.hpp"
#include "loopscope/sim/chrome_export.hpp"
#include "loopscope/sim/program_command.hpp"
#include "loopscope/sim/trace_file.hpp"

namespace loopscope::ui {

// [SECTION] view

void view_options::reset_layout() {
    show_scenario_row = show_loop = show_source = show_console = show_tasks = true;
    show_explanation = false;
    sizes = panel_sizes{};
}

void view_options::presenter() {
    show_scenario_row = show_explanation = show_loop = show_tasks = false;
    show_source = show_console = true;
    sizes = panel_sizes{};
    sizes.right_width = 0.4f;
    sizes.console_on_right = true;
    theme.font_scale = std::max(theme.font_scale, 2.0f);
}

void timeline_range::clamp(double begin, double end) {
    // Never more than the run and a margin, never less than a sliver of it.
    double margin = (end - begin) * 0.04, low = begin - margin, high = end + margin;
    double span = std::clamp(x1 - x0, (high - low) * 1e-6, high - low);
    x0 = std::clamp(x0, low, high - span);
    x1 = x0 + span;
}

void timeline_range::zoom(double factor, double anchor, double begin, double end) {
    fit = false;
    x0 = anchor - (anchor - x0) * factor;
    x1 = anchor + (x1 - anchor) * factor;
    clamp(begin, end);
}

void timeline_range::pan(double dx, double begin, double end) {
    fit = false;
    x0 += dx;
    x1 += dx;
    clamp(begin, end);
}

void timeline_range::fit_to(double begin, double end) {
    double margin = (end - begin) * 0.02;
    x0 = begin - margin;
    x1 = end + margin;
}

// [SECTION] app

app::app(const sim::scenario& s, sim::parameter_values parameters)
    : m_scenario(&s), m_parameters(std::move(parameters)) {
    rerun();
}

app::app(sim::trace recorded) : m_title(recorded.origin.scenario.empty() ? "trace" : recorded.origin.scenario) {
    editor.set_text(recorded.origin.program.source);
    show(std::make_unique<sim::trace>(std::move(recorded)));
}

void app::show(std::unique_ptr<sim::trace> t) {
    // The playback and timeline refer to the trace: build them before dropping the old one.
    auto p = std::make_unique<sim::playback>(*t);
    auto model = std::make_unique<sim::timeline_model>(*t);
    m_timers = sim::timer_spans(*t);
    m_playback = std::move(p);
    m_timeline = std::move(model);
    m_trace = std::move(t);
    m_position = std::min(m_position, m_playback->size());
    caption = {};
}

void app::apply_requests() {
    // A change may ask for another (open a file, then seek): take the list first.
    auto requests = std::move(m_requests);
    m_requests.clear();
    for (auto& change : requests) change(*this);
}

void app::choose_scenario(const sim::scenario& s) {
    m_scenario = &s;
    m_parameters = sim::parameter_values(s.parameters);
    m_cancels.clear();
    m_position = 0;
    m_playing = false;
    rerun();
}

void app::rerun() {
    if (!m_scenario) return;
    sim::run_options options{m_parameters, {}, m_cancels};
    show(std::make_unique<sim::trace>(sim::run_scenario(*m_scenario, options)));
    m_title = std::string(m_scenario->id);
}

void app::cancel_at_playhead(task_id task) {
    if (!m_scenario && !shows_program()) return;
    m_cancels.push_back({m_position, task});
    const std::string said = fmt::format("What-if: Task-{} cancelled at event {}", task, m_position);
    if (m_scenario) {
        rerun();
    } else {
        rerun_program();  // in a child, like any run of a program; said once it is shown
        m_said_when_shown = said;
        return;
    }
    m_status = said;
}

void app::clear_what_if() {
    m_cancels.clear();
    if (m_scenario) {
        rerun();
    } else {
        rerun_program();
        m_said_when_shown = "What-if changes cleared";
        return;
    }
    m_status = "What-if changes cleared";
}

void app::open_trace(const std::filesystem::path& file) {
    if (sim::is_python_program(file.string())) {
        open_program(file);
        return;
    }
    try {
        show_opened(std::make_unique<sim::trace>(sim::load_trace(file)), file);
    } catch (const std::exception& e) {
        m_error = e.what();
    }
}

namespace {

/// Where a re-run shows the playhead: at the same printed line when the
/// event at the playhead printed one (the same text, as often printed
/// before; else the print with the same ordinal), else at the same event.
std::size_t rerun_position(const sim::trace& before, const sim::trace& after, std::size_t position) {
    if (position == 0 || position > before.size() || before[position - 1].kind != sim::event_kind::output)
        return position;
    const std::string_view text = before.strings[before[position - 1].a];
    auto is_output = [](const sim::event& e) { return e.kind == sim::event_kind::output; };
    std::size_t printed = 0, same_text = 0;
    for (std::size_t k = 0; k < position; ++k)
        if (is_output(before[k])) {
            ++printed;
            same_text += before.strings[before[k].a] == text;
        }
    std::size_t seen = 0, seen_text = 0, by_ordinal = 0;
    for (std::size_t k = 0; k < after.size(); ++k) {
        if (!is_output(after[k])) continue;
        if (++seen == printed) by_ordinal = k + 1;
        if (after.strings[after[k].a] == text && ++seen_text == same_text) return k + 1;
    }
    return by_ordinal ? by_ordinal : position;
}

/// What Python said of a run that did not start, without Loopscope's
/// "loopscope: prog.py:5:14: " in front (the editor marks the line).
std::string python_words_of(const sim::program_run& run) {
    std::string_view said = run.error_summary();
    const std::string own = "loopscope: " + run.path + ":";
    if (said.starts_with(own))
        if (auto words = said.find(": ", own.size()); words != std::string_view::npos) said.remove_prefix(words + 2);
    return std::string(said);
}

}  // namespace

void app::show_opened(std::unique_ptr<sim::trace> t, const std::filesystem::path& file, bool keep_position) {
    m_scenario = sim::find_scenario(t->origin.scenario);
    if (m_scenario) {
        m_parameters = sim::parameter_values(m_scenario->parameters);
        for (const auto& [name, value] : t->origin.parameters)
            sim::set_parameter(*m_scenario, m_parameters, name + "=" + value);
    }
    if (!keep_position) {  // a re-run keeps the playhead (show() keeps it inside the new run) and the what-ifs
        m_position = 0;
        m_cancels.clear();
    } else {
        m_position = rerun_position(*m_trace, *t, m_position);
    }
    m_playing = false;
    m_edit_failure.reset();  // a run is shown: what it says of its errors is the trace's
    const sim::program_run& run = t->origin.program;
    program_arguments.clear();
    for (const auto& word : run.args) program_arguments += (program_arguments.empty() ? "" : " ") + word;
    // The editor holds the text that ran, unless it is a re-run of the user's edit (still unsaved).
    if (!run.path.empty() && (!keep_position || !editor.modified()) && editor.text() != run.source)
        editor.set_text(run.source);
    show(std::move(t));
    m_title = file.filename().string();
    m_status = m_said_when_shown.empty() ? fmt::format("Opened {} ({} events)", file.string(), m_trace->size())
                                         : std::exchange(m_said_when_shown, {});
}

// [SECTION] a program running

void app::open_program(const std::filesystem::path& file, const std::vector<std::string>& arguments,
                       bool keep_position) {
    sim::recording_options options;
    options.args = arguments;
    start_program(file, std::move(options), keep_position);
}

void app::start_program(const std::filesystem::path& file, sim::recording_options options, bool keep_position) {
    try {
        // In a child process (this one never hosts Python); what is shown stays until its trace is ready.
        options.keep_errors = true;
        if (keep_position) options.cancels = m_cancels;
        m_running_edit = options.text.has_value();
        m_running = std::make_unique<sim::program_recording>(file.string(), options);
        m_keep_position = keep_position;
        m_status.clear();
    } catch (const std::exception& e) {
        m_error = e.what();
    }
}

bool app::poll_program() {
    if (!m_running) return false;
    if (m_running->running()) return true;
    finish_program();
    return false;
}

void app::finish_program() {
    if (!m_running) return;
    const auto running = std::move(m_running);
    try {
        auto t = std::make_unique<sim::trace>(running->result());
        const sim::program_run& run = t->origin.program;
        if (m_running_edit && t->size() == 0 && run.exit_status != 0 && shows_program()) {
            // The edit does not start (a syntax error, a missing import): the editor marks
            // it, and the last run that did start stays on screen to compare with.
            m_edit_failure = start_failure{run.error_line(), python_words_of(run), run.errors};
            m_status = fmt::format("The edited program did not start{}: the run shown is the last one that did",
                                   run.error_line() ? fmt::format(" (line {})", run.error_line()) : "");
            m_said_when_shown.clear();
            return;
        }
        show_opened(std::move(t), running->path(), m_keep_position);
    } catch (const std::exception& e) {
        m_error = e.what();
        m_said_when_shown.clear();
    }
}

namespace {

/// Where the examples' copies go: $XDG_DATA_HOME/loopscope/examples, else ~/.local/share/..., else the temp folder.
std::filesystem::path examples_folder() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "loopscope" / "examples";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".local" / "share" / "loopscope" / "examples";
    return std::filesystem::temp_directory_path() / "loopscope-examples";
}

}  // namespace

void app::open_example(const std::string& name, std::string_view text) {
    const auto file = examples_folder() / (name + ".py");
    try {
        if (!std::filesystem::exists(file)) {
            std::filesystem::create_directories(file.parent_path());
            sim::write_file_atomically(file, text);
        } else if (sim::file_text(file) != text) {  // the user's edits stay
            open_program(file);
            if (m_error.empty())
                m_status = fmt::format("Running your edited copy {} (delete it for the original)", file.string());
            return;
        }
    } catch (const std::exception& e) {
        m_error = fmt::format("cannot write the example to {}: {}", file.string(), e.what());
        return;
    }
    open_program(file);
}

void app::rerun_program() {
    const std::string& path = m_trace->origin.program.path;
    if (path.empty()) return;
    sim::recording_options options;
    std::istringstream split(program_arguments);
    for (std::string word; split >> word;) options.args.push_back(word);
    if (editor.modified()) options.text = editor.text();
    start_program(path, std::move(options), true);
}

// [SECTION] the program's text

void app::save_program() {
    if (!shows_program()) return;
    const std::string& path = m_trace->origin.program.path;
    try {
        sim::write_file_atomically(path, editor.text());
        editor.mark_saved();
        m_status = fmt::format("Saved {}", path);
    } catch (const std::exception& e) {
        m_error = e.what();
    }
}

std::uint32_t app::editor_error_line() const {
    if (m_edit_failure) return m_edit_failure->line;
    const sim::program_run& run = m_trace->origin.program;
    return editor.text() == run.source ? run.error_line() : 0;  // a line of the text that ran
}

void app::leave_program(std::function<void(app&)> change) {
    if (has_unsaved_edits()) {
        m_leaving = std::move(change);
    } else {
        request(std::move(change));
    }
}

void app::answer_leave(leave_answer answer) {
    auto change = std::exchange(m_leaving, {});
    if (!change || answer == leave_answer::stay) return;
    if (answer == leave_answer::save) {
        save_program();
        if (editor.modified()) return;  // not saved (the error says why): stay
    }
    request(std::move(change));
}

void app::stop_program() {
    if (!m_running) return;
    m_running->stop();
    m_status = fmt::format("Stopped {} after {:.1f} s; the run shown is the one before", 
                           std::filesystem::path(m_running->path()).filename().string(), m_running->seconds());
    m_running.reset();
}

void app::save_trace(const std::filesystem::path& file) {
    try {
        sim::save_trace(*m_trace, file);
        m_status = fmt::format("Saved {}", file.string());
    } catch (const std::exception& e) {
        m_error = e.what();
    }
}

void app::export_chrome(const std::filesystem::path& file) {
    try {
        sim::export_chrome(*m_trace, file);
        m_status = fmt::format("Exported {} (open it in ui.perfetto.dev)", file.string());
    } catch (const std::exception& e) {
        m_error = e.what();
    }
}

void app::seek(std::size_t position) {
    m_position = std::min(position, m_playback->size());
    pointed_line = 0;  // the playhead's lines take over
}

void app::toggle_play() {
    if (!m_playing && m_position >= m_playback->size()) m_position = 0;  // play again from the start
    m_playing = !m_playing;
    m_step_debt = 0;
    m_virtual_now = m_playback->time_at(m_position);
}

void app::tick(double seconds) {
    if (!m_playing) return;
    if (real_time) {
        // The clock of the run advances with the wall clock; everything that
        // happens at one instant is shown at once, as it would happen.
        m_virtual_now += seconds;
        while (m_position < m_playback->size() && m_playback->time_at(m_position + 1) <= m_virtual_now) ++m_position;
    } else {
        m_step_debt += seconds * steps_per_second_at_1x * speed;
        while (m_step_debt >= 1.0 && m_playing) {
            m_step_debt -= 1.0;
            step_forward();
            if (m_position >= m_playback->size()) m_playing = false;
        }
    }
    if (m_position >= m_playback->size()) m_playing = false;
}

}  // namespace loopscope::ui
