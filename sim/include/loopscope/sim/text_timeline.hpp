#pragma once
// The trace as text for a terminal: one row per task with a glyph per column
// of the chosen axis (virtual time with its steps opened up, virtual time, or
// loop iterations), then the output and the lints.
#include <string>

#include "loopscope/sim/playback.hpp"
#include "loopscope/sim/timeline_model.hpp"

namespace loopscope::sim {

struct text_timeline_options {
    timeline_axis axis = timeline_axis::steps;  ///< `loopscope show` asks for time unless told otherwise
    int columns = 60;  ///< width of the glyph area
};

/// The whole text: header, legend, one row per task, output, lints.
[[nodiscard]] std::string text_timeline(playback& p, const text_timeline_options& options = {});

}  // namespace loopscope::sim
