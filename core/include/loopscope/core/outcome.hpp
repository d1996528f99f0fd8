#pragma once
// A finished awaitable's outcome as a value: what gather(return_exceptions)
// and friends hand back for each child, a value or the exception it raised.
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>

namespace loopscope {

/// The value of an awaitable that returns nothing (Python's None).
using none = std::monostate;

/// T, or none for void.
template <class T>
using value_or_none = std::conditional_t<std::is_void_v<T>, none, T>;

/// A value or an exception (a cancelled child holds a cancelled_error).
template <class T>
class outcome {
public:
    outcome(T value) : m_value(std::move(value)) {}  // NOLINT: implicit, like Python's mixed result list
    outcome(std::exception_ptr error) : m_error(std::move(error)) {}  // NOLINT

    [[nodiscard]] bool has_value() const noexcept { return m_value.has_value(); }
    /// The value; rethrows the exception when there is none.
    [[nodiscard]] const T& value() const {
        if (m_error) std::rethrow_exception(m_error);
        return *m_value;
    }
    [[nodiscard]] const std::exception_ptr& error() const noexcept { return m_error; }

private:
    std::optional<T> m_value;
    std::exception_ptr m_error;
};

}  // namespace loopscope
