#pragma once
// The program's virtual clock: one per process, shared by every loop the
// program creates (asyncio.run twice continues the same time line), by
// time.sleep and by time.time / monotonic / perf_counter.
#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include "loopscope/core/clock.hpp"

namespace loopscope::python {

/// Seconds since the program started, advanced only by `now += timeout`
/// (the loop's poll) and `now += seconds` (time.sleep), exactly as
/// tests/cpython/vtime.py advances its clock.
[[nodiscard]] double virtual_now() noexcept;
/// The clock moves on (a poll's timeout, time.sleep); the run ends here
/// instead when that passes the program's --until.
void virtual_advance(double seconds);

/// A loop's view of the shared clock, and of its sockets: a poll with a ready
/// socket returns at once, as select() does; otherwise time jumps by the
/// timeout. poll(nullopt) (nothing ready, no timer) returns false: the loop
/// reports a deadlock.
class shared_virtual_clock final : public clock {
public:
    /// `poll_io` asks the sockets: true when some handles became ready.
    explicit shared_virtual_clock(std::function<bool()> poll_io) : m_poll_io(std::move(poll_io)) {}
    [[nodiscard]] double now() const override { return virtual_now(); }
    bool poll(std::optional<double> timeout) override;
    void block(double seconds) override { virtual_advance(seconds); }

private:
    std::function<bool()> m_poll_io;
};

}  // namespace loopscope::python
