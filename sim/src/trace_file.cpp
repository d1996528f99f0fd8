#include "loopscope/sim/trace_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bit>
#include <cerrno>
#include <cmath>
#include <limits>
#include <system_error>

#include "loopscope/sim/atomic_file.hpp"
#include "loopscope/sim/input_error.hpp"

namespace loopscope::sim {

namespace {

constexpr std::string_view magic{"\x89LSTRACE", 8};

// [SECTION] what each event kind stores

/// What a field refers to, which says how the loader checks it.
enum class reference : std::uint8_t {
    none,          ///< the kind does not use the field
    string,        ///< a string id
    location,      ///< a location id
    task,          ///< a task in the task table
    task_or_none,  ///< a task in the task table, or 0
};

/// `object`: the field holds an object_state number, not a loop handle (stored as it is).
enum class handle_use : std::uint8_t { none, creates, uses, object };

/// The fields an event kind uses (event_kind's comments in words).
struct event_layout {
    reference task = reference::none;
    handle_use handle = handle_use::none;
    reference a = reference::none;
    reference b = reference::none;
    bool when = false;               ///< the payload is a time
    std::uint8_t max_sub = 0;        ///< 0: the kind has no sub-code
    std::string_view sub_name = {};  ///< what the sub-code is
};

constexpr std::uint8_t max_schedule_reason = std::uint8_t(schedule_reason::retry_error);
constexpr std::uint8_t max_step_outcome = std::uint8_t(step_outcome::cancelled);

constexpr std::uint8_t max_object_kind = std::uint8_t(object_kind::future);

/// The fields `kind` uses in a file of format `version`.
constexpr event_layout layout_of(event_kind kind, std::uint32_t version) {
    using enum reference;
    switch (kind) {
        case event_kind::task_created: return {.task = task, .a = task_or_none, .b = location};
        case event_kind::task_renamed: return {.task = task, .a = string};
        case event_kind::task_scheduled:
            return {.task = task,
                    .handle = handle_use::creates,
                    .a = string,
                    .max_sub = max_schedule_reason,
                    .sub_name = "schedule reason"};
        case event_kind::callback_scheduled: return {.handle = handle_use::creates, .a = string};
        case event_kind::handle_skipped: return {.handle = handle_use::uses};
        case event_kind::callback_begin: return {.handle = handle_use::uses, .a = string};
        case event_kind::callback_end: return {.handle = handle_use::uses};
        case event_kind::step_begin: return {.task = task, .handle = handle_use::uses};
        case event_kind::step_end:
            return {.task = task,
                    .handle = version >= 4 ? handle_use::object : handle_use::none,
                    .a = string,
                    .b = location,
                    .max_sub = max_step_outcome,
                    .sub_name = "step outcome"};
        case event_kind::cancel_requested: return {.task = task, .a = string, .b = task_or_none};
        case event_kind::iteration_begin: return {};
        case event_kind::iteration_end: return {};
        case event_kind::clock_advanced:
            return {.task = task_or_none, .when = true, .max_sub = 1, .sub_name = "blocking flag"};
        case event_kind::timer_armed: return {.handle = handle_use::creates, .a = string, .when = true};
        case event_kind::timer_fired: return {.handle = handle_use::uses};
        case event_kind::timer_cancelled: return {.handle = handle_use::uses};
        case event_kind::output: return {.task = task_or_none, .a = string, .b = location};
        case event_kind::never_awaited: return {.a = string, .b = location};
        case event_kind::deadlock: return {.a = string};
        case event_kind::error: return {.task = task_or_none, .a = string};
        case event_kind::await_frame: return {.task = task, .a = string, .b = location};
        case event_kind::frame_local: return {.task = task, .a = string, .b = string};
        case event_kind::object_state:
            return {.task = task_or_none,
                    .handle = handle_use::object,
                    .a = string,
                    .b = string,
                    .max_sub = max_object_kind,
                    .sub_name = "object kind"};
    }
    return {};
}

/// The header's sub-code that marks the full form (real sub-codes stay below it).
constexpr std::uint8_t full_form = 7;
constexpr int kind_bits = 5;
static_assert(event_kind_count <= 1 << kind_bits);

/// False for an event that sets a field its kind does not use: it needs the full form.
bool fits_compact_form(const event& e, const event_layout& l) {
    bool payload_fits = l.when || (l.b != reference::none ? e.payload >> 32 == 0 : e.payload == 0);
    return e.sub < full_form && e.reserved == 0 && (l.task != reference::none || e.task == 0) &&
           (l.handle != handle_use::none || e.handle == 0) && (l.a != reference::none || e.a == 0) && payload_fits;
}

std::uint32_t zigzag(std::uint32_t delta) { return (delta << 1) ^ (0u - (delta >> 31)); }
std::uint32_t unzigzag(std::uint32_t code) { return (code >> 1) ^ (0u - (code & 1)); }

/// The next event's task and handle as the previous events suggest; the
/// encoder and the decoder keep identical copies and store the difference.
struct predictor {
    task_id task = 0;
    std::uint32_t created_handle = 0;
    std::uint32_t used_handle = 0;

    [[nodiscard]] std::uint32_t handle(handle_use use) const {
        return use == handle_use::creates ? created_handle + 1 : use == handle_use::uses ? used_handle : 0;
    }
    void advance(const event& e, const event_layout& l) {
        if (l.task != reference::none) task = e.task;
        if (l.handle == handle_use::creates) created_handle = e.handle;
        if (l.handle == handle_use::uses) used_handle = e.handle;
    }
};

// [SECTION] encoder

class trace_encoder {
public:
    std::string encode(const trace& t) {
        m_out.append(magic);
        varint(trace_format_version);
        for (std::size_t n :
             {t.strings.size() - 1, t.locations.size(), t.tasks.size(), t.size(), t.times.size(), t.iterations.size()})
            varint(n);
        text(t.origin.scenario);
        varint(t.origin.parameters.size());
        for (const auto& [name, value] : t.origin.parameters) {
            text(name);
            text(value);
        }
        text(t.origin.python_listing);
        text(t.origin.cpp_listing);
        text(t.origin.cpp_file);
        text(t.stopped_early);
        const program_run& run = t.origin.program;
        text(run.path);
        varint(run.args.size());
        for (const std::string& arg : run.args) text(arg);
        varint(run.seed);
        text(run.python_version);
        text(run.source);
        varint(std::uint32_t(run.exit_status));
        text(run.errors);
        for (string_id id = 1; id < t.strings.size(); ++id) text(t.strings[id]);
        for (const location& at : t.locations) {
            varint(at.file);
            varint(at.function);
            varint(at.line);
        }
        std::uint32_t previous_created = 0;
        for (const task_record& task : t.tasks) {
            varint(task.name);
            varint(task.coroutine);
            varint(task.parent);
            varint(task.created_at);
            varint(std::uint32_t(task.created_event - previous_created));
            previous_created = task.created_event;
        }
        for (std::size_t k = 0; k < t.size(); ++k) add_event(t[k]);
        std::uint32_t previous_event = 0;
        for (const auto& change : t.times) {
            varint(std::uint32_t(change.event - previous_event));
            float64(change.value);
            previous_event = change.event;
        }
        previous_event = 0;
        std::uint32_t previous_iteration = 0;
        for (const auto& change : t.iterations) {
            varint(std::uint32_t(change.event - previous_event));
            varint(std::uint32_t(change.value - previous_iteration));
            previous_event = change.event;
            previous_iteration = change.value;
        }
        return std::move(m_out);
    }

private:
    void add_event(const event& e) {
        const event_layout l = layout_of(e.kind, trace_format_version);
        if (fits_compact_form(e, l)) {
            m_out.push_back(char(std::uint8_t(e.kind) | e.sub << kind_bits));
            if (l.task != reference::none) varint(zigzag(e.task - m_predict.task));
            if (l.handle != handle_use::none) varint(zigzag(e.handle - m_predict.handle(l.handle)));
            if (l.a != reference::none) varint(e.a);
            if (l.when)
                float64(e.when());
            else if (l.b != reference::none)
                varint(e.b());
        } else {
            m_out.push_back(char(std::uint8_t(e.kind) | full_form << kind_bits));
            m_out.push_back(char(e.sub));
            for (std::uint64_t field : {std::uint64_t(e.reserved), std::uint64_t(e.task), std::uint64_t(e.handle),
                                        std::uint64_t(e.a), e.payload})
                varint(field);
        }
        m_predict.advance(e, l);
    }

    void varint(std::uint64_t v) {
        for (; v >= 0x80; v >>= 7) m_out.push_back(char(v | 0x80));
        m_out.push_back(char(v));
    }
    void float64(double v) {
        auto bits = std::bit_cast<std::uint64_t>(v);
        for (int i = 0; i < 8; ++i) m_out.push_back(char(bits >> 8 * i));
    }
    void text(std::string_view s) {
        varint(s.size());
        m_out.append(s);
    }

    std::string m_out;
    predictor m_predict;
};

// [SECTION] decoder

/// Where in the trace the decoder is, for messages: "event 17", "origin".
struct position {
    std::string_view section;
    std::size_t index = no_index;
    static constexpr std::size_t no_index = std::numeric_limits<std::size_t>::max();
};

/// Byte offsets of an event's fields, for messages about them.
struct field_offsets {
    std::size_t start = 0, sub = 0, task = 0, a = 0, b = 0;
};

class trace_decoder {
public:
    trace_decoder(std::string_view bytes, std::string_view name) : m_bytes(bytes), m_name(name) {}

    trace decode() {
        header();
        counts();
        origin();
        strings();
        locations();
        tasks();
        events();
        times();
        iterations();
        m_where = {"end"};
        if (m_pos != m_bytes.size())
            fail_at(m_pos, "{} bytes of trailing garbage after the trace", m_bytes.size() - m_pos);
        return std::move(m_trace);
    }

private:
    struct table_counts {
        std::uint32_t strings = 0, locations = 0, tasks = 0, events = 0, times = 0, iterations = 0;
    };

    // [SECTION] sections

    void header() {
        if (!m_bytes.starts_with(magic)) {
            if (m_bytes.empty()) fail("not a Loopscope trace (the file is empty)");
            if (magic.starts_with(m_bytes)) fail_at(m_bytes.size(), "the file ends inside the magic bytes (truncated)");
            fail("not a Loopscope trace (wrong magic)");
        }
        m_pos = magic.size();
        m_version = number("format version");
        if (m_version > trace_format_version)
            fail("format version {} is newer than this Loopscope reads ({})", m_version, trace_format_version);
        if (m_version == 0) fail_at(magic.size(), "format version 0 does not exist");
    }

    void counts() {
        m_where = {"counts"};
        m_counts.strings = count("strings", 1);
        m_counts.locations = count("locations", 3);
        m_counts.tasks = count("tasks", 5);
        m_counts.events = count("events", 1);
        m_counts.times = count("time changes", 9);
        m_counts.iterations = count("iteration changes", 2);
    }

    void origin() {
        m_where = {"origin"};
        trace_origin& o = m_trace.origin;
        o.scenario = text("scenario id");
        std::uint32_t parameters = count("parameters", 2);
        o.parameters.reserve(parameters);
        for (std::uint32_t i = 0; i < parameters; ++i) {
            std::string name = text("parameter name");
            o.parameters.emplace_back(std::move(name), text("parameter value"));
        }
        o.python_listing = text("Python listing");
        o.cpp_listing = text("C++ listing");
        o.cpp_file = text("C++ file name");
        m_trace.stopped_early = text("stopped-early reason");
        if (m_version < 2) return;
        m_where = {"program run"};
        o.program.path = text("program path");
        std::uint32_t args = count("program arguments", 1);
        o.program.args.reserve(args);
        for (std::uint32_t i = 0; i < args; ++i) o.program.args.push_back(text("program argument"));
        o.program.seed = varint("seed", 64);
        o.program.python_version = text("Python version");
        o.program.source = text("program source");
        o.program.exit_status = int(number("exit status"));
        o.program.errors = text("program errors");
    }

    void strings() {
        for (std::uint32_t i = 0; i < m_counts.strings; ++i) {
            string_id id = i + 1;
            m_where = {"string", id};
            std::size_t at = m_pos;
            string_id stored = m_trace.strings.intern(text("text"));
            if (stored != id) fail_at(at, "repeats string {} (each text is stored once)", stored);
        }
    }

    void locations() {
        m_trace.locations.clear();
        m_trace.locations.reserve(m_counts.locations);
        for (location_id id = 0; id < m_counts.locations; ++id) {
            m_where = {"location", id};
            location at;
            at.file = reference_to(reference::string);
            at.function = reference_to(reference::string);
            at.line = number("line");
            m_trace.locations.push_back(at);
        }
    }

    void tasks() {
        m_trace.tasks.reserve(m_counts.tasks);
        std::uint64_t created_event = 0;
        for (std::uint32_t i = 0; i < m_counts.tasks; ++i) {
            task_id id = i + 1;
            m_where = {"task", id};
            task_record task;
            task.id = id;
            task.name = reference_to(reference::string);
            task.coroutine = reference_to(reference::string);
            std::size_t at = m_pos;
            task.parent = number("parent");
            if (task.parent >= id) fail_at(at, "parent {} is not an earlier task", task.parent);
            task.created_at = reference_to(reference::location);
            at = m_pos;
            std::uint32_t after_previous = number("creation event");
            if (id > 1 && after_previous == 0) fail_at(at, "created at the same event as task {}", id - 1);
            created_event += after_previous;
            if (created_event >= m_counts.events)
                fail_at(at, "created at event {}, past the end of the trace ({} events)", created_event,
                        m_counts.events);
            task.created_event = std::uint32_t(created_event);
            m_trace.tasks.push_back(task);
        }
    }

    void events() {
        for (std::uint32_t k = 0; k < m_counts.events; ++k) {
            m_where = {"event", k};
            field_offsets at;
            at.start = at.sub = m_pos;
            auto header = std::uint8_t(byte("event kind"));
            std::uint8_t kind = header & ((1 << kind_bits) - 1);
            if (kind >= event_kind_count) fail_at(at.start, "unknown event kind {}", kind);
            event e;
            e.kind = event_kind(kind);
            const event_layout l = layout_of(e.kind, m_version);
            if (header >> kind_bits == full_form)
                full_event(e, at);
            else
                compact_event(e, l, std::uint8_t(header >> kind_bits), at);
            check_event(e, l, at);
            check_creation_order(e, k, at);
            m_predict.advance(e, l);
            m_trace.push_back(e);
        }
    }

    void times() {
        m_trace.times.clear();
        m_trace.times.reserve(m_counts.times);
        std::uint64_t event = 0;
        double previous = -std::numeric_limits<double>::infinity();
        for (std::uint32_t i = 0; i < m_counts.times; ++i) {
            m_where = {"time change", i};
            event = change_event(event);
            std::size_t at = m_pos;
            double time = float64("time");
            if (std::isnan(time)) fail_at(at, "the time is not a number");
            if (time < previous) fail_at(at, "time {} goes back from {} (the clock never goes back)", time, previous);
            previous = time;
            m_trace.times.push_back({std::uint32_t(event), time});
        }
    }

    void iterations() {
        m_trace.iterations.clear();
        m_trace.iterations.reserve(m_counts.iterations);
        std::uint64_t event = 0;
        std::uint64_t iteration = 0;
        for (std::uint32_t i = 0; i < m_counts.iterations; ++i) {
            m_where = {"iteration change", i};
            event = change_event(event);
            std::size_t at = m_pos;
            iteration += number("iteration");
            if (iteration > std::numeric_limits<std::uint32_t>::max())
                fail_at(at, "iteration {} does not fit in 32 bits", iteration);
            m_trace.iterations.push_back({std::uint32_t(event), std::uint32_t(iteration)});
        }
    }

    // [SECTION] events

    void compact_event(event& e, const event_layout& l, std::uint8_t sub, field_offsets& at) {
        e.sub = sub;
        if (l.task != reference::none) {
            at.task = m_pos;
            e.task = m_predict.task + unzigzag(number("task"));
        }
        if (l.handle != handle_use::none) e.handle = m_predict.handle(l.handle) + unzigzag(number("handle"));
        if (l.a != reference::none) {
            at.a = m_pos;
            e.a = number(field_name(l.a));
        }
        if (l.when) {
            e.set_when(float64("time"));
        } else if (l.b != reference::none) {
            at.b = m_pos;
            e.set_b(number(field_name(l.b)));
        }
    }

    void full_event(event& e, field_offsets& at) {
        at.sub = m_pos;
        e.sub = byte("sub-code");
        e.reserved = std::uint16_t(varint("reserved field", 16));
        at.task = m_pos;
        e.task = number("task");
        e.handle = number("handle");
        at.a = m_pos;
        e.a = number("field a");
        at.b = m_pos;
        e.payload = varint("payload", 64);
    }

    void check_event(const event& e, const event_layout& l, const field_offsets& at) {
        if (l.max_sub == 0 && e.sub != 0)
            fail_at(at.sub, "sub-code {} on a {} event, which has none", e.sub, to_string(e.kind));
        if (e.sub > l.max_sub) fail_at(at.sub, "{} {} is out of range (0 to {})", l.sub_name, e.sub, l.max_sub);
        check(l.task, e.task, at.task);
        check(l.a, e.a, at.a);
        if (!l.when) check(l.b, e.b(), at.b);
    }

    /// Tasks are created in table order, each at its created_event, and used
    /// only after that, except by a rename: create_task(name=...) names the
    /// task before the loop announces it.
    void check_creation_order(const event& e, std::uint32_t k, const field_offsets& at) {
        if (m_created < m_trace.tasks.size() && m_trace.tasks[m_created].created_event == k &&
            e.kind != event_kind::task_created)
            fail_at(at.start, "the task table says task {} is created here, but the event is {}", m_created + 1,
                    to_string(e.kind));
        if (e.kind == event_kind::task_renamed) return;
        const event_layout l = layout_of(e.kind, m_version);
        check_created(l.a, e.a, at.a);
        if (!l.when) check_created(l.b, e.b(), at.b);
        if (e.kind == event_kind::task_created) {
            if (m_created == m_trace.tasks.size() || m_trace.tasks[m_created].created_event != k)
                fail_at(at.start, "a task is created here, but the task table does not say so");
            if (e.task != m_created + 1)
                fail_at(at.task, "task {} is created here, but the task table says task {} is", e.task, m_created + 1);
            ++m_created;
        }
        check_created(l.task, e.task, at.task);
    }

    void check_created(reference r, std::uint32_t id, std::size_t at) {
        if ((r == reference::task || r == reference::task_or_none) && id > m_created)
            fail_at(at, "task {} is used before it is created (at event {})", id, m_trace.tasks[id - 1].created_event);
    }

    // [SECTION] checked references

    std::uint32_t reference_to(reference r) {
        std::size_t at = m_pos;
        std::uint32_t id = number(field_name(r));
        check(r, id, at);
        return id;
    }

    void check(reference r, std::uint32_t id, std::size_t at) {
        switch (r) {
            case reference::none: return;
            case reference::string:
                if (id >= m_trace.strings.size())
                    fail_at(at, "string id {} is outside the string table ({})", id,
                            how_many(m_trace.strings.size(), "string"));
                return;
            case reference::location:
                if (id >= m_trace.locations.size())
                    fail_at(at, "location {} is outside the location table ({})", id,
                            how_many(m_trace.locations.size(), "location"));
                return;
            case reference::task:
            case reference::task_or_none:
                if (id > m_trace.tasks.size() || (id == 0 && r == reference::task))
                    fail_at(at, "task {} is not in the task table ({})", id, how_many(m_trace.tasks.size(), "task"));
                return;
        }
    }

    /// "1 string", "42 strings".
    static std::string how_many(std::size_t n, std::string_view noun) {
        return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
    }

    static std::string_view field_name(reference r) {
        switch (r) {
            case reference::string: return "string id";
            case reference::location: return "location";
            case reference::task:
            case reference::task_or_none: return "task";
            case reference::none: break;
        }
        return "field";
    }

    /// The event of a time or iteration change: a delta from the previous change's.
    std::uint64_t change_event(std::uint64_t previous) {
        std::size_t at = m_pos;
        std::uint64_t event = previous + number("event");
        // A change may sit at size(): it applies from the end on (an empty trace has one at 0).
        if (event > m_counts.events)
            fail_at(at, "event {} is past the end of the trace ({} events)", event, m_counts.events);
        return event;
    }

    // [SECTION] bytes

    /// A count from which the decoder reserves memory: checked against the
    /// bytes left, given the fewest bytes one item takes.
    std::uint32_t count(std::string_view what, std::uint32_t min_bytes_each) {
        std::size_t at = m_pos;
        std::uint32_t n = number(fmt::format("number of {}", what));
        std::uint64_t claimed = m_claimed + std::uint64_t(n) * min_bytes_each;
        if (claimed > m_bytes.size() - m_pos)
            fail_at(at, "{} {} cannot fit in the {} bytes left", n, what, m_bytes.size() - m_pos);
        m_claimed = claimed;
        return n;
    }

    std::uint32_t number(std::string_view field) { return std::uint32_t(varint(field, 32)); }

    std::uint64_t varint(std::string_view field, int bits) {
        std::size_t at = m_pos;
        std::uint64_t value = 0;
        for (int shift = 0;; shift += 7) {
            if (shift >= bits) fail_at(at, "the {} does not fit in {} bits", field, bits);
            std::uint8_t b = byte(field, at);
            std::uint64_t chunk = b & 0x7f;
            if (bits - shift < 7 && chunk >> (bits - shift) != 0)
                fail_at(at, "the {} does not fit in {} bits", field, bits);
            value |= chunk << shift;
            if (!(b & 0x80)) return value;
        }
    }

    std::uint8_t byte(std::string_view field) { return byte(field, m_pos); }
    /// The next byte of a field that started at `field_start`.
    std::uint8_t byte(std::string_view field, std::size_t field_start) {
        if (m_pos == m_bytes.size()) fail_at(field_start, "the file ends inside the {} (truncated)", field);
        return std::uint8_t(m_bytes[m_pos++]);
    }

    double float64(std::string_view field) {
        std::size_t at = m_pos;
        std::uint64_t bits = 0;
        for (int i = 0; i < 8; ++i) bits |= std::uint64_t(byte(field, at)) << 8 * i;
        return std::bit_cast<double>(bits);
    }

    std::string text(std::string_view field) {
        std::size_t at = m_pos;
        std::uint32_t length = number(field);
        if (length > m_bytes.size() - m_pos)
            fail_at(at, "the {} ({} bytes) runs past the end of the file (truncated)", field, length);
        std::string s(m_bytes.substr(m_pos, length));
        m_pos += length;
        return s;
    }

    // [SECTION] errors

    template <class... Args>
    [[noreturn]] void fail(fmt::format_string<Args...> message, Args&&... args) const {
        throw input_error(fmt::format("{}: {}", m_name, fmt::format(message, std::forward<Args>(args)...)));
    }

    template <class... Args>
    [[noreturn]] void fail_at(std::size_t offset, fmt::format_string<Args...> message, Args&&... args) const {
        std::string where = m_where.index == position::no_index ? std::string(m_where.section)
                                                                : fmt::format("{} {}", m_where.section, m_where.index);
        throw input_error(fmt::format("{}: byte {}: {}: {}", m_name, offset, where,
                                      fmt::format(message, std::forward<Args>(args)...)));
    }

    std::string_view m_bytes;
    std::string_view m_name;
    std::size_t m_pos = 0;
    std::uint64_t m_claimed = 0;  ///< bytes the counts promise are still to come
    position m_where{"header"};
    std::uint32_t m_version = 0;  ///< the file's format version
    table_counts m_counts;
    predictor m_predict;
    std::uint32_t m_created = 0;  ///< tasks whose task_created event has been read
    trace m_trace;
};

// [SECTION] files

/// The whole file; input_error when it cannot be read.
std::string read_file(const std::filesystem::path& path) {
    auto fail = [&](std::string_view what) { throw input_error(fmt::format("{}: {}", path.string(), what)); };
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail(fmt::format("cannot open: {}", std::generic_category().message(errno)));
    struct descriptor {
        int fd;
        ~descriptor() { ::close(fd); }
    } guard{fd};
    struct stat info {};
    if (::fstat(fd, &info) != 0) fail(fmt::format("cannot read: {}", std::generic_category().message(errno)));
    // A pipe or a device could stream forever: only regular files have a size to trust.
    if (!S_ISREG(info.st_mode)) fail("not a regular file");
    std::string bytes(std::size_t(info.st_size), '\0');
    std::size_t got = 0;
    while (got < bytes.size()) {
        ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail(fmt::format("cannot read: {}", std::generic_category().message(errno)));
        if (n == 0) break;  // the file shrank while we read it
        got += std::size_t(n);
    }
    bytes.resize(got);
    return bytes;
}

}  // namespace

std::string encode_trace(const trace& t) { return trace_encoder().encode(t); }

trace decode_trace(std::string_view bytes, std::string_view name_for_errors) {
    return trace_decoder(bytes, name_for_errors).decode();
}

void save_trace(const trace& t, const std::filesystem::path& path) { write_file_atomically(path, encode_trace(t)); }

trace load_trace(const std::filesystem::path& path) { return decode_trace(read_file(path), path.string()); }

}  // namespace loopscope::sim
