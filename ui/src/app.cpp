#include "app.hpp"

#include <fmt/format.h>

#include "loopscope/sim/chrome_export.hpp"
#include "loopscope/sim/trace_file.hpp"

namespace loopscope::ui {

app::app(const sim::scenario& s, sim::parameter_values parameters)
    : m_scenario(&s), m_parameters(std::move(parameters)) {
    rerun();
}

app::app(sim::trace recorded) : m_title(recorded.origin.scenario.empty() ? "trace" : recorded.origin.scenario) {
    show(std::make_unique<sim::trace>(std::move(recorded)));
}

void app::show(std::unique_ptr<sim::trace> t) {
    // The playback and timeline refer to the trace: build them before dropping the old one.
    auto p = std::make_unique<sim::playback>(*t);
    auto model = std::make_unique<sim::timeline_model>(*t);
    m_playback = std::move(p);
    m_timeline = std::move(model);
    m_trace = std::move(t);
    m_position = std::min(m_position, m_playback->size());
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
    if (!m_scenario) return;
    m_cancels.push_back({m_position, task});
    rerun();
    m_status = fmt::format("What-if: Task-{} cancelled at event {}", task, m_position);
}

void app::clear_what_if() {
    m_cancels.clear();
    rerun();
    m_status = "What-if changes cleared";
}

void app::open_trace(const std::filesystem::path& file) {
    try {
        auto t = std::make_unique<sim::trace>(sim::load_trace(file));
        m_scenario = sim::find_scenario(t->origin.scenario);
        if (m_scenario) {
            m_parameters = sim::parameter_values(m_scenario->parameters);
            for (const auto& [name, value] : t->origin.parameters)
                sim::set_parameter(*m_scenario, m_parameters, name + "=" + value);
        }
        m_cancels.clear();
        m_position = 0;
        m_playing = false;
        show(std::move(t));
        m_title = file.filename().string();
        m_status = fmt::format("Opened {} ({} events)", file.string(), m_trace->size());
    } catch (const std::exception& e) {
        m_error = e.what();
    }
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

void app::seek(std::size_t position) { m_position = std::min(position, m_playback->size()); }

void app::toggle_play() {
    if (!m_playing && m_position >= m_playback->size()) m_position = 0;  // play again from the start
    m_playing = !m_playing;
    m_step_debt = 0;
}

void app::tick(double seconds) {
    if (!m_playing) return;
    constexpr double steps_per_second_at_1x = 2.0;
    m_step_debt += seconds * steps_per_second_at_1x * speed;
    while (m_step_debt >= 1.0 && m_playing) {
        m_step_debt -= 1.0;
        step_forward();
        if (m_position >= m_playback->size()) m_playing = false;
    }
}

}  // namespace loopscope::ui
