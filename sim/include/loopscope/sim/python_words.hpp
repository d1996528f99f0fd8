#pragma once
// Python words for a Python listing. The runtime describes results and
// exceptions in C++ terms ("std::invalid_argument: a1 failed",
// "cancelled_error"); next to the Python twin of a scenario the student must
// read what CPython would print ("ValueError: a1 failed", "CancelledError").
#include <string>
#include <string_view>

#include "loopscope/sim/trace.hpp"

namespace loopscope::sim {

/// The CPython name of a C++ exception type as describe_exception spells it
/// ("std::invalid_argument" -> "ValueError", "cancelled_error" -> "CancelledError");
/// empty when the name has no Python counterpart.
[[nodiscard]] std::string_view python_type_name(std::string_view cpp_type) noexcept;

/// `text` with every C++ exception type name that python_type_name knows
/// replaced by its Python name, matched as a whole name (so "my_queue_full"
/// stays). Everything else is kept as it is.
[[nodiscard]] std::string python_words(std::string_view text);

/// A trace's text as its listing speaks: python_words when the trace has a
/// Python listing (a built-in scenario), the text unchanged otherwise (a
/// recorded C++ program).
[[nodiscard]] std::string listing_words(const trace& t, std::string_view text);

}  // namespace loopscope::sim
