#include "loopscope/sim/trace.hpp"

#include <algorithm>
#include <filesystem>

namespace loopscope::sim {

std::string_view to_string(event_kind k) noexcept {
    switch (k) {
        case event_kind::task_created: return "task_created";
        case event_kind::task_renamed: return "task_renamed";
        case event_kind::task_scheduled: return "task_scheduled";
        case event_kind::callback_scheduled: return "callback_scheduled";
        case event_kind::handle_skipped: return "handle_skipped";
        case event_kind::callback_begin: return "callback_begin";
        case event_kind::callback_end: return "callback_end";
        case event_kind::step_begin: return "step_begin";
        case event_kind::step_end: return "step_end";
        case event_kind::cancel_requested: return "cancel_requested";
        case event_kind::iteration_begin: return "iteration_begin";
        case event_kind::iteration_end: return "iteration_end";
        case event_kind::clock_advanced: return "clock_advanced";
        case event_kind::timer_armed: return "timer_armed";
        case event_kind::timer_fired: return "timer_fired";
        case event_kind::timer_cancelled: return "timer_cancelled";
        case event_kind::output: return "output";
        case event_kind::never_awaited: return "never_awaited";
        case event_kind::deadlock: return "deadlock";
        case event_kind::error: return "error";
        case event_kind::await_frame: return "await_frame";
        case event_kind::frame_local: return "frame_local";
        case event_kind::object_state: return "object_state";
    }
    return "unknown";
}

// [SECTION] string_table

string_table::string_table() { m_index.emplace(m_texts.emplace_back(), 0); }

string_table::string_table(const string_table& other) : m_recent(other.m_recent), m_texts(other.m_texts) { reindex(); }

string_table& string_table::operator=(const string_table& other) {
    if (this != &other) {
        m_recent = other.m_recent;
        m_texts = other.m_texts;
        reindex();
    }
    return *this;
}

void string_table::reindex() {
    m_index.clear();
    for (std::size_t i = 0; i < m_texts.size(); ++i) m_index.emplace(m_texts[i], string_id(i));
}

string_id string_table::intern_slow(std::string_view text) {
    string_id id;
    if (auto it = m_index.find(text); it != m_index.end()) {
        id = it->second;
    } else {
        id = string_id(m_texts.size());
        m_index.emplace(m_texts.emplace_back(text), id);
    }
    std::copy_backward(m_recent.begin(), m_recent.end() - 1, m_recent.end());
    m_recent[0] = id;
    return id;
}

std::size_t string_table::memory_bytes() const noexcept {
    std::size_t bytes = m_index.bucket_count() * sizeof(void*) +
                        m_index.size() * (sizeof(std::string_view) + sizeof(string_id) + 2 * sizeof(void*));
    for (const auto& t : m_texts) bytes += sizeof(std::string) + (t.capacity() > 15 ? t.capacity() + 1 : 0);
    return bytes;
}

// [SECTION] trace

double trace::time_at(std::size_t k) const noexcept {
    auto it = std::upper_bound(times.begin(), times.end(), k,
                               [](std::size_t e, const change<double>& c) { return e < c.event; });
    return it == times.begin() ? 0.0 : std::prev(it)->value;
}

std::uint32_t trace::iteration_at(std::size_t k) const noexcept {
    auto it = std::upper_bound(iterations.begin(), iterations.end(), k,
                               [](std::size_t e, const change<std::uint32_t>& c) { return e < c.event; });
    return it == iterations.begin() ? 0 : std::prev(it)->value;
}

std::size_t trace::first_event_at_time(double t) const noexcept {
    auto it = std::lower_bound(times.begin(), times.end(), t,
                               [](const change<double>& c, double x) { return c.value < x; });
    if (it == times.end()) return size();
    // The change event itself moved time to `value`: events from it on are at that time.
    return it->event;
}

location_id trace::intern(const source_location& at) {
    if (at.line == 0) return 0;
    for (const auto& [recent, id] : m_recent_locations)
        if (recent.line == at.line && recent.file == at.file) return id;
    auto key = std::pair{at.file, at.line};
    location_id id;
    if (auto it = m_location_index.find(key); it != m_location_index.end()) {
        id = it->second;
    } else {
        id = location_id(locations.size());
        locations.push_back({strings.intern(at.file), strings.intern(at.function), at.line});
        m_location_index.emplace(key, id);
    }
    std::copy_backward(m_recent_locations.begin(), m_recent_locations.end() - 1, m_recent_locations.end());
    m_recent_locations[0] = {at, id};
    return id;
}

std::string trace::task_label(task_id id) const {
    const task_record* t = find_task(id);
    if (!t) return id ? "Task #" + std::to_string(id) : std::string("loop");
    std::string label(strings[t->name]);
    if (t->coroutine) label.append(" ").append(strings[t->coroutine]);
    return label;
}

std::size_t trace::memory_bytes() const noexcept {
    return m_blocks.size() * (block_size * sizeof(event) + sizeof(m_blocks[0])) + strings.memory_bytes() +
           locations.capacity() * sizeof(location) + tasks.capacity() * sizeof(task_record) +
           times.capacity() * sizeof(change<double>) + iterations.capacity() * sizeof(change<std::uint32_t>);
}

bool operator==(const trace& x, const trace& y) {
    if (x.size() != y.size() || x.strings.size() != y.strings.size()) return false;
    for (string_id i = 0; i < x.strings.size(); ++i)
        if (x.strings[i] != y.strings[i]) return false;
    for (std::size_t k = 0; k < x.size(); ++k)
        if (!(x[k] == y[k])) return false;
    return x.origin == y.origin && x.locations == y.locations && x.tasks == y.tasks && x.times == y.times &&
           x.iterations == y.iterations && x.stopped_early == y.stopped_early;
}

namespace {

/// The number at the start of `text` (0: none).
std::uint32_t leading_number(std::string_view text) {
    std::uint32_t n = 0;
    for (char c : text) {
        if (c < '0' || c > '9') break;
        n = n * 10 + std::uint32_t(c - '0');
    }
    return n;
}

}  // namespace

std::string_view program_run::error_summary() const {
    std::string_view said = errors;
    if (auto at = said.find("loopscope: "); at != std::string_view::npos) {
        said.remove_prefix(at);
    } else {
        said = said.substr(0, said.find_last_not_of('\n') + 1);  // npos + 1 == 0: nothing but newlines
        if (auto start = said.rfind('\n'); start != std::string_view::npos) said.remove_prefix(start + 1);
    }
    return said.substr(0, said.find('\n'));
}

std::uint32_t program_run::error_line() const {
    if (path.empty()) return 0;
    // Loopscope's own report of a syntax error: "loopscope: prog.py:3:9: SyntaxError: ...".
    const std::string syntax = "loopscope: " + path + ":";
    if (auto at = errors.find(syntax); at != std::string::npos)
        if (std::uint32_t line = leading_number(std::string_view(errors).substr(at + syntax.size()))) return line;
    // A traceback: its last frame in the program's file, which python names by its absolute path.
    const std::filesystem::path given = std::filesystem::path(path).lexically_normal();
    const std::string file = (given.is_absolute() ? "\"" : "/") + given.string() + "\", line ";
    std::uint32_t line = 0;
    for (std::size_t at = errors.find(file); at != std::string::npos; at = errors.find(file, at + 1))
        line = leading_number(std::string_view(errors).substr(at + file.size()));
    return line;
}

}  // namespace loopscope::sim
