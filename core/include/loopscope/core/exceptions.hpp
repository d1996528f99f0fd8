#pragma once
// The exception types of asyncio, mirrored. As in Python 3.8+, cancelled_error
// is not an ordinary error: it does not derive from std::exception, so a
// `catch (const std::exception&)` (Python's `except Exception`) lets a
// cancellation pass through, and only `catch (const cancelled_error&)` or
// `catch (...)` stops it.
#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

namespace loopscope {

/// asyncio.CancelledError: thrown into a task at its await when it is cancelled.
class cancelled_error {
public:
    explicit cancelled_error(std::string message = {}) : m_message(std::move(message)) {}
    /// The message given to cancel(msg), empty when none was given.
    [[nodiscard]] const char* what() const noexcept { return m_message.c_str(); }

private:
    std::string m_message;
};

/// asyncio.TimeoutError (TimeoutError in 3.11): wait_for or a timeout scope expired.
class timeout_error : public std::runtime_error {
public:
    timeout_error() : std::runtime_error("") {}
    using std::runtime_error::runtime_error;
};

/// asyncio.InvalidStateError: e.g. result() of a task that is still pending.
class invalid_state_error : public std::logic_error {
    using std::logic_error::logic_error;
};

/// asyncio.QueueEmpty: get_nowait() on an empty queue.
class queue_empty : public std::runtime_error {
public:
    queue_empty() : std::runtime_error("") {}
};

/// asyncio.QueueFull: put_nowait() on a full queue.
class queue_full : public std::runtime_error {
public:
    queue_full() : std::runtime_error("") {}
};

/// Every task waits and no timer is pending: Python would hang forever.
/// what() names who waits on what.
class deadlock_error : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// ExceptionGroup: the errors a task_group collected, in the order they happened.
class exception_group : public std::exception {
public:
    exception_group(std::string message, std::vector<std::exception_ptr> exceptions);
    /// Python's str(eg): "unhandled errors in a TaskGroup (2 sub-exceptions)".
    [[nodiscard]] const char* what() const noexcept override { return m_what.c_str(); }
    [[nodiscard]] const std::string& message() const noexcept { return m_message; }
    [[nodiscard]] const std::vector<std::exception_ptr>& exceptions() const noexcept { return m_exceptions; }

private:
    std::string m_message;
    std::string m_what;
    std::vector<std::exception_ptr> m_exceptions;
};

/// True when `e` holds a cancelled_error.
[[nodiscard]] bool is_cancelled_error(const std::exception_ptr& e) noexcept;

/// A one-line description of an exception: its what() for std::exception and
/// cancelled_error, "exception_group: ..." for groups, "unknown exception" otherwise.
[[nodiscard]] std::string describe_exception(const std::exception_ptr& e);

}  // namespace loopscope
