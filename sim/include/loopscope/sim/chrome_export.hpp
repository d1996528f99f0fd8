#pragma once
// Exporting a trace as Chrome Trace Event JSON, which Perfetto UI,
// chrome://tracing, Tracy's import-chrome and Speedscope open
// (docs: shared/TRACE-EXPORT.md).
//
// Lanes: pid 1 is the program; tid 0 is the event loop (iterations, the
// callbacks it runs, idle waits for timers), tid N is Task-N (one outer slice
// from creation to its end, and nested "scheduled" / "running" / "waiting
// sleep(1)" slices). Arrows (flow events) go from where something was set in
// motion to where it runs: spawn (create_task → the child's first step), wake
// (the step or callback that completed the awaited thing → the woken step),
// call_soon and timer (→ the callback), cancel (→ a "cancel requested" mark
// on the cancelled task's lane). Timers are also async slices from arming to
// firing; printed lines and lints are instant events.
//
// Time axis: with a virtual clock many events share one instant, so slices
// would have no width. Each event k gets ts(k) = max(its virtual time in µs,
// ts(k-1) + 1): events keep their order, every slice is at least 1 µs wide,
// and wherever the clock moves further than the events need, ts is the
// virtual time. The true virtual time is in each slice's args ("t", seconds),
// with the event's sequence number ("event").
#include <filesystem>
#include <string>

#include "loopscope/sim/trace.hpp"

namespace loopscope::sim {

/// The trace as Chrome Trace Event JSON (the object form, with "traceEvents").
[[nodiscard]] std::string chrome_json(const trace& t);

/// Writes chrome_json(t) atomically (write_file_atomically); throws std::system_error when it cannot.
void export_chrome(const trace& t, const std::filesystem::path& path);

}  // namespace loopscope::sim
