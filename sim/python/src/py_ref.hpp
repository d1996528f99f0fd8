#pragma once
// An owned reference to a Python object: the one RAII type the bridge uses
// around the raw C API. Requires the GIL wherever it is copied or destroyed.
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <utility>

namespace loopscope::python {

/// Owns one reference (or none). Copying adds a reference, destroying drops it.
class py_ref {
public:
    py_ref() = default;
    /// Takes over a new reference (the result of a call); null stays empty.
    [[nodiscard]] static py_ref steal(PyObject* p) noexcept { return py_ref(p); }
    /// Adds a reference to a borrowed one.
    [[nodiscard]] static py_ref borrow(PyObject* p) noexcept {
        Py_XINCREF(p);
        return py_ref(p);
    }
    py_ref(const py_ref& other) noexcept : m_object(other.m_object) { Py_XINCREF(m_object); }
    py_ref(py_ref&& other) noexcept : m_object(std::exchange(other.m_object, nullptr)) {}
    py_ref& operator=(py_ref other) noexcept {
        std::swap(m_object, other.m_object);
        return *this;
    }
    ~py_ref() { Py_XDECREF(m_object); }

    [[nodiscard]] PyObject* get() const noexcept { return m_object; }
    /// Gives the reference to the caller (for returning to Python).
    [[nodiscard]] PyObject* release() noexcept { return std::exchange(m_object, nullptr); }
    explicit operator bool() const noexcept { return m_object != nullptr; }

private:
    explicit py_ref(PyObject* p) noexcept : m_object(p) {}
    PyObject* m_object = nullptr;
};

}  // namespace loopscope::python
