#pragma once
// Every step explained: one plain English sentence for each event of a
// trace, as the step-by-step view shows under the playhead. "Task-3
// countdown('B', 2) suspends at line 8 on sleep(1); its timer is due at
// t=1.000". Lines are the Python listing's when the trace has one; results and
// exceptions then use Python's words (python_words.hpp).
#include <cstddef>
#include <string>

#include "loopscope/sim/playback.hpp"

namespace loopscope::sim {

/// What the event that brought the playback to `position` did: the event at
/// index position - 1 (position 0: nothing has run yet; a position past the
/// end is the end). Reads the loop state just before that event and, for some
/// kinds, the events of the same step or iteration, so it costs at most one
/// playback replay plus a scan of that step or iteration. Never empty.
[[nodiscard]] std::string describe_event(playback& p, std::size_t position);

}  // namespace loopscope::sim
