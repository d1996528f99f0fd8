#pragma once
// The trace: everything one run of the loop did, in order. It is the contract
// between the recorder (which fills it), playback, the trace files and the UI.
//
// [SECTION] event kinds       — one per instrument hook
// [SECTION] event             — 24 bytes; time and iteration live in sparse indexes
// [SECTION] tables            — strings, source locations, tasks
// [SECTION] trace             — events + tables + scenario metadata
#include <array>
#include <bit>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "loopscope/core/instrument.hpp"

namespace loopscope::sim {

// [SECTION] event kinds

/// What happened. Each kind says which event fields it uses.
enum class event_kind : std::uint8_t {
    task_created,        ///< task; a = parent task; b = creation location
    task_renamed,        ///< task; a = new name
    task_scheduled,      ///< task, handle; sub = schedule_reason; a = cause ("sleep(1)", "Task-3") or 0
    callback_scheduled,  ///< handle; a = what the callback is
    handle_skipped,      ///< handle: popped from the ready queue but cancelled
    callback_begin,      ///< handle; a = what
    callback_end,        ///< handle
    step_begin,          ///< task, handle
    step_end,            ///< task; sub = step_outcome; a = awaited thing or result/exception; b = suspension location;
                         ///< handle = the object_state number it waits on (0: none)
    cancel_requested,    ///< task; a = message; b = the requesting task (0: none)
    iteration_begin,     ///< starts loop iteration `iteration` at `time`
    iteration_end,       ///<
    clock_advanced,      ///< sub = 1 when a step blocked the loop; when() = the time before
    timer_armed,         ///< handle; a = what; when() = due time
    timer_fired,         ///< handle: moved from the heap to the ready queue
    timer_cancelled,     ///< handle
    output,              ///< task; a = text; b = location of the print
    never_awaited,       ///< a = coroutine; b = location
    deadlock,            ///< a = who waits on what
    error,               ///< task; a = message
    await_frame,         ///< task; a = the coroutine's function; b = the line it awaits at. Follows a step_end,
                         ///< one per frame, the task's coroutine first
    frame_local,         ///< task; a = a local variable's name; b = its value (a string id). Follows its await_frame
    object_state,        ///< handle = the object's number; sub = object_kind; a = its label; b = its state ("" once
                         ///< it is gone); task = its holder (a lock's owner, a task object's task) or 0. Precedes
                         ///< the step_end of the step that changed it
};
inline constexpr int event_kind_count = int(event_kind::object_state) + 1;

/// "task_created", "step_end", ... (stable: used by the text and JSON formats).
[[nodiscard]] std::string_view to_string(event_kind k) noexcept;

// [SECTION] event

/// Ids into trace::strings and trace::locations; 0 is the empty string / no location.
using string_id = std::uint32_t;
using location_id = std::uint32_t;

/// One hook call. The sequence number is the event's index in the trace.
struct event {
    event_kind kind{};
    std::uint8_t sub = 0;  ///< schedule_reason, step_outcome or the blocking flag
    std::uint16_t reserved = 0;
    task_id task = 0;
    std::uint32_t handle = 0;
    std::uint32_t a = 0;
    std::uint64_t payload = 0;  ///< b (low 32 bits) or a time (bit pattern of a double)

    [[nodiscard]] std::uint32_t b() const noexcept { return std::uint32_t(payload); }
    void set_b(std::uint32_t v) noexcept { payload = v; }
    [[nodiscard]] double when() const noexcept { return std::bit_cast<double>(payload); }
    void set_when(double t) noexcept { payload = std::bit_cast<std::uint64_t>(t); }

    friend bool operator==(const event&, const event&) = default;
};
static_assert(sizeof(event) == 24, "events are 24 bytes: the recorder's memory budget depends on it");

// [SECTION] tables

/// Interned strings: each distinct text is stored once; id 0 is "".
class string_table {
public:
    string_table();
    string_table(const string_table& other);
    string_table& operator=(const string_table& other);
    string_table(string_table&&) noexcept = default;
    string_table& operator=(string_table&&) noexcept = default;

    /// The id of `text`, adding it if new. Hooks repeat a handful of texts
    /// ("sleep(0)", "Task-3"), so the last few are checked before hashing.
    string_id intern(std::string_view text) {
        if (text.empty()) return 0;
        for (string_id id : m_recent)
            if (id && m_texts[id] == text) return id;
        return intern_slow(text);
    }
    [[nodiscard]] std::string_view operator[](string_id id) const { return m_texts.at(id); }
    [[nodiscard]] std::size_t size() const noexcept { return m_texts.size(); }
    [[nodiscard]] std::size_t memory_bytes() const noexcept;

private:
    string_id intern_slow(std::string_view text);
    void reindex();
    std::array<string_id, 4> m_recent{};  ///< most recently interned first
    std::deque<std::string> m_texts;  // a deque: growing it never moves a text, so views stay valid
    std::unordered_map<std::string_view, string_id> m_index;
};

/// A position in the C++ source of the program that ran.
struct location {
    string_id file = 0;
    string_id function = 0;
    std::uint32_t line = 0;
    friend bool operator==(const location&, const location&) = default;
};

/// One task, as created.
struct task_record {
    task_id id = 0;
    string_id name = 0;       ///< its name at creation (renames are events)
    string_id coroutine = 0;  ///< "countdown(3)"
    task_id parent = 0;
    location_id created_at = 0;
    std::uint32_t created_event = 0;
    friend bool operator==(const task_record&, const task_record&) = default;
};

/// A moment at which the clock or the iteration changed: from `event` on,
/// time (or iteration) is `value`.
template <class T>
struct change {
    std::uint32_t event = 0;
    T value{};
    friend bool operator==(const change&, const change&) = default;
};

/// How a user's program was run (`loopscope run PROGRAM.py ARGS`): enough to run it again the same way.
struct program_run {
    std::string path;  ///< as the command line named it; empty for a scenario
    std::vector<std::string> args;
    std::uint64_t seed = 0;
    std::string python_version;  ///< sys.version of the interpreter that ran it
    std::string source;          ///< the program's text as it ran
    int exit_status = 0;         ///< as python3's (3: Loopscope stopped it); kept when the window ran it
    std::string errors;          ///< what it wrote on stderr, when the window ran it
    /// The program's line its errors point at: a syntax error's, or the innermost
    /// traceback frame in the program's own file (0: none).
    [[nodiscard]] std::uint32_t error_line() const;
    /// The errors in one line: Loopscope's report (a syntax error, a budget), else the last line
    /// (a traceback's exception).
    [[nodiscard]] std::string_view error_summary() const;
    friend bool operator==(const program_run&, const program_run&) = default;
};

/// What ran: a built-in scenario with its parameters, or a user's program.
struct trace_origin {
    std::string scenario;  ///< scenario id; empty for a recorded program
    std::vector<std::pair<std::string, std::string>> parameters;  ///< name, value
    program_run program;
    std::string python_listing;  ///< a scenario's Python listing (its lines tagged to match the C++ one)
    std::string cpp_listing;
    std::string cpp_file;  ///< the file whose locations the C++ listing shows
    friend bool operator==(const trace_origin&, const trace_origin&) = default;
};

// [SECTION] trace

/// A recorded run: events in order, plus the tables they refer to.
class trace {
public:
    trace_origin origin;
    string_table strings;
    std::vector<location> locations{location{}};  ///< [0] is "no location"
    std::vector<task_record> tasks;                ///< in creation order; tasks[i].id == i + 1
    std::vector<change<double>> times{change<double>{0, 0.0}};
    std::vector<change<std::uint32_t>> iterations{change<std::uint32_t>{0, 0}};
    /// Why the run stopped early ("event budget of 100000 reached"), empty when it finished.
    std::string stopped_early;

    [[nodiscard]] std::size_t size() const noexcept { return m_size; }
    [[nodiscard]] bool empty() const noexcept { return m_size == 0; }
    [[nodiscard]] const event& operator[](std::size_t k) const noexcept {
        return m_blocks[k >> block_bits][k & block_mask];
    }
    void push_back(const event& e) {
        if ((m_size & block_mask) == 0) m_blocks.push_back(std::make_unique_for_overwrite<event[]>(block_size));
        m_blocks.back()[m_size & block_mask] = e;
        ++m_size;
    }

    /// Virtual time at event k (the time of the last change at or before k).
    [[nodiscard]] double time_at(std::size_t k) const noexcept;
    /// Loop iteration at event k (0 before the first iteration began).
    [[nodiscard]] std::uint32_t iteration_at(std::size_t k) const noexcept;
    /// The first event at or after time t (size() when none).
    [[nodiscard]] std::size_t first_event_at_time(double t) const noexcept;

    [[nodiscard]] const task_record* find_task(task_id id) const noexcept {
        return id >= 1 && id <= tasks.size() ? &tasks[id - 1] : nullptr;
    }
    [[nodiscard]] location_id intern(const source_location& at);
    /// "Task-2 countdown(3)" for lanes and messages.
    [[nodiscard]] std::string task_label(task_id id) const;
    /// Bytes held by events and tables.
    [[nodiscard]] std::size_t memory_bytes() const noexcept;

    friend bool operator==(const trace& x, const trace& y);

private:
    static constexpr int block_bits = 14;  // 16,384 events (384 KiB) per block
    static constexpr std::size_t block_size = std::size_t{1} << block_bits;
    static constexpr std::size_t block_mask = block_size - 1;
    std::vector<std::unique_ptr<event[]>> m_blocks;
    std::size_t m_size = 0;
    std::map<std::pair<const char*, std::uint32_t>, location_id> m_location_index;
    /// The last locations interned: a task suspends at the same few co_awaits.
    std::array<std::pair<source_location, location_id>, 4> m_recent_locations{};
};

}  // namespace loopscope::sim
