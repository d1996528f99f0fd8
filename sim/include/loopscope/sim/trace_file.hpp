#pragma once
// The native trace file: one recorded run, exactly, in a few bytes per event.
//
// Layout, version 1. Numbers are unsigned LEB128 varints unless said
// otherwise; a text is a varint length followed by that many bytes.
//
//   magic        8 bytes: 89 'L' 'S' 'T' 'R' 'A' 'C' 'E'
//   version      1
//   counts       strings (without the implied id 0, ""), locations, tasks,
//                events, time changes, iteration changes
//   origin       scenario, parameter count, (name, value) texts, Python
//                listing, C++ listing, C++ file
//   stopped      trace::stopped_early
//   strings      texts for ids 1, 2, ...; each text is stored once
//   locations    file string id, function string id, line
//   tasks        for Task-1, Task-2, ... (the id is the position): name,
//                coroutine, parent, created_at, created_event minus the
//                previous task's
//   events       a header byte, kind | sub << 5, then only the fields the
//                kind uses (event_kind's comments say which):
//                  task     zigzag(task - the previous event's task)
//                  handle   zigzag(handle - prediction): the last new handle
//                           + 1 for kinds that create one (task_scheduled,
//                           callback_scheduled, timer_armed), the last used
//                           handle for kinds that use one; an object's
//                           number (object_state, step_end from version 4)
//                           as it is
//                  a, b     varints
//                  when     8 bytes, little-endian IEEE double
//                sub 7 marks the full form, for an event with a field its
//                kind does not use: sub byte, then reserved, task, handle, a
//                and payload as plain varints
//   times        event minus the previous change's event, time (8 bytes)
//   iterations   event minus the previous change's event, iteration minus
//                the previous change's iteration
//
// Zigzag deltas wrap around 32 bits, so every value has an encoding.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "loopscope/sim/trace.hpp"

namespace loopscope::sim {

/// The format version save_trace writes, and the newest load_trace reads.
/// 2 added the program run (path, arguments, seed, Python version, source, exit status, errors) after
/// the origin, and await_frame events; 3 frame_local events (a frame's variables); 4 object_state events
/// and the object a step_end waits on (its handle field).
inline constexpr std::uint32_t trace_format_version = 4;

/// The trace in the native format: what save_trace writes.
[[nodiscard]] std::string encode_trace(const trace& t);

/// Reads the native format. Anything else (cut short, corrupt, from a newer
/// Loopscope) throws input_error with one line naming `name_for_errors`, the
/// byte offset and the field: "t.loopscope: byte 1234: event 17: string id
/// 99 is outside the string table (42 strings)". Never allocates much more
/// than `bytes` justifies.
[[nodiscard]] trace decode_trace(std::string_view bytes, std::string_view name_for_errors);

/// Saves atomically (write_file_atomically); throws std::system_error when it cannot.
void save_trace(const trace& t, const std::filesystem::path& path);

/// Loads a file written by save_trace; throws input_error when the file
/// cannot be read or is not a valid trace.
[[nodiscard]] trace load_trace(const std::filesystem::path& path);

}  // namespace loopscope::sim
