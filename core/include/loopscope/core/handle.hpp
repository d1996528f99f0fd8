#pragma once
// asyncio.Handle and asyncio.TimerHandle: a callback in the ready queue or the
// timer heap that can be cancelled before it runs.
#include <cstdint>

#include "loopscope/core/detail/callback.hpp"
#include "loopscope/core/detail/ref_counted.hpp"
#include "loopscope/core/instrument.hpp"

namespace loopscope {

class event_loop;

namespace detail {

/// The shared state behind handle / timer_handle.
class handle_state : public ref_counted {
public:
    handle_state(event_loop& loop, callback cb, handle_id id, double when) noexcept
        : m_loop(&loop), m_callback(std::move(cb)), m_id(id), m_when(when) {}

    enum class where : std::uint8_t { ready, heap, ran, cancelled };

    event_loop* m_loop;
    callback m_callback;
    handle_id m_id;
    double m_when;  ///< due time; meaningful for timers only
    where m_where = where::ready;
};

}  // namespace detail

/// A callback scheduled with call_soon. Copies refer to the same callback.
class handle {
public:
    handle() = default;
    explicit handle(detail::ref<detail::handle_state> s) noexcept : m_state(std::move(s)) {}

    /// Handle.cancel(): the callback will not run. No effect once it ran.
    void cancel() const;
    [[nodiscard]] bool cancelled() const noexcept {
        return m_state && m_state->m_where == detail::handle_state::where::cancelled;
    }
    [[nodiscard]] handle_id id() const noexcept { return m_state ? m_state->m_id : 0; }

protected:
    detail::ref<detail::handle_state> m_state;
};

/// A callback scheduled with call_later / call_at.
class timer_handle : public handle {
public:
    using handle::handle;
    /// TimerHandle.when(): the loop time it is due.
    [[nodiscard]] double when() const noexcept { return m_state->m_when; }
};

}  // namespace loopscope
