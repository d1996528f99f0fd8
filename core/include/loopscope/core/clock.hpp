#pragma once
// The loop's source of time, injected so a run can be deterministic (virtual)
// or follow the wall (steady). Times are seconds as double, the way asyncio's
// loop.time() works, so float arithmetic matches CPython bit for bit.
#include <optional>

namespace loopscope {

/// What the loop asks of time: now, and "wait until something may be ready".
class clock {
public:
    virtual ~clock() = default;
    /// Seconds since an arbitrary epoch (loop.time()).
    [[nodiscard]] virtual double now() const = 0;
    /// The selector's poll: wait `timeout` seconds (nullopt: forever). Returns
    /// false when waiting forever is impossible (a virtual clock with no timer:
    /// deadlock), true otherwise.
    virtual bool poll(std::optional<double> timeout) = 0;
    /// A blocking call inside a step (time.sleep): time passes, nothing runs.
    virtual void block(double seconds) = 0;
};

/// Deterministic time starting at 0: poll(t) jumps ahead by exactly t.
class virtual_clock final : public clock {
public:
    [[nodiscard]] double now() const override { return m_now; }
    bool poll(std::optional<double> timeout) override;
    void block(double seconds) override;

private:
    double m_now = 0.0;
};

/// Wall time from std::chrono::steady_clock; poll() really sleeps.
class steady_clock final : public clock {
public:
    [[nodiscard]] double now() const override;
    bool poll(std::optional<double> timeout) override;
    void block(double seconds) override;
};

}  // namespace loopscope
