#pragma once
// The asyncio Handles the core loop's ready queue and timer heap hold, one
// reference each. The core's callbacks keep a slot number, not a reference,
// so that the garbage collector sees these references (tp_traverse) and can
// collect a loop abandoned with handles pending, as it would a BaseEventLoop.
// Slots are reused: holding and releasing a handle allocates nothing once the
// queue has reached its size (this is on every call_soon's path).
#include <cstdint>
#include <utility>
#include <vector>

#include "py_ref.hpp"

namespace loopscope::python {

class held_handles {
public:
    using slot = std::uint32_t;

    /// Adds a reference to `handle`; may throw std::bad_alloc (then nothing is held).
    slot hold(PyObject* handle) {
        slot s = 0;
        if (!m_free.empty()) {
            s = m_free.back();
            m_free.pop_back();
            m_slots[s] = handle;
        } else {
            m_slots.push_back(handle);
            m_free.reserve(m_slots.size());  // release() then never allocates
            s = slot(m_slots.size() - 1);
        }
        Py_INCREF(handle);
        return s;
    }

    /// The reference in `s` moves to the caller; empty when it was let go already (the loop closed).
    [[nodiscard]] py_ref release(slot s) noexcept {
        if (s >= m_slots.size() || !m_slots[s]) return {};
        m_free.push_back(s);
        return py_ref::steal(std::exchange(m_slots[s], nullptr));
    }

    int traverse(visitproc visit, void* arg) const {
        for (PyObject* h : m_slots)
            if (h) Py_VISIT(h);
        return 0;
    }

    /// Drops every reference. Dropping one may run Python code (a finalizer): the slots are emptied first.
    void clear() noexcept {
        std::vector<PyObject*> slots;
        slots.swap(m_slots);
        m_free.clear();
        for (PyObject* h : slots) Py_XDECREF(h);
    }

private:
    std::vector<PyObject*> m_slots;  ///< null: free
    std::vector<slot> m_free;
};

}  // namespace loopscope::python
