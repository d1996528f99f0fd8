#pragma once
// Lints: mistakes asyncio programs make, found in a trace and tied to the
// event where they show.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "loopscope/sim/trace.hpp"

namespace loopscope::sim {

enum class lint_kind : std::uint8_t {
    never_awaited,        ///< a coroutine object was dropped without being awaited
    exception_never_retrieved,  ///< a task failed and nobody looked at its exception
    blocking_call,        ///< the clock advanced inside a step: the whole loop froze
    deadlock,             ///< every task waits and nothing can wake them
    pending_at_exit,      ///< a task was still pending when main() returned (asyncio.run cancels it)
    pending_at_close,     ///< a task never finished: the run ended with it pending
    loop_error,           ///< anything else the loop's exception handler received
};

/// "never awaited", "blocking call", ...
[[nodiscard]] std::string_view to_string(lint_kind k) noexcept;

struct lint {
    std::size_t event = 0;  ///< the event where it shows
    lint_kind kind{};
    task_id task = 0;
    std::string message;  ///< one sentence for the student
};

/// Every lint in the trace, in event order.
[[nodiscard]] std::vector<lint> find_lints(const trace& t);

}  // namespace loopscope::sim
