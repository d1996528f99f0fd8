#pragma once
// out(...): a scenario's print(). The words are joined by spaces and written
// through the running loop, so every line is tied to a task, a virtual time
// and a source line: out("T-minus", n) prints what print("T-minus", n) would.
#include <string>

#include "loopscope/core/detail/text.hpp"
#include "loopscope/core/source_location.hpp"

namespace loopscope {

namespace detail {
/// Writes a line through the running loop (stdout when no loop runs).
void print_line(std::string_view text, const source_location& at);
}  // namespace detail

/// The first argument of out(): rendered on the spot, and carrying the
/// caller's source line (a converting constructor's default argument is
/// evaluated at the call site).
class printed_word {
public:
    template <class T>
    printed_word(const T& value, source_location at = source_location::current())  // NOLINT: implicit on purpose
        : m_at(at) {
        detail::append_str(m_text, value);
    }
    [[nodiscard]] std::string& text() noexcept { return m_text; }
    [[nodiscard]] const source_location& at() const noexcept { return m_at; }

private:
    std::string m_text;
    source_location m_at;
};

/// Prints its arguments as Python's print() would, through the running loop:
/// out("T-minus", n) prints "T-minus 3".
template <class... Rest>
void out(printed_word first, const Rest&... rest) {
    std::string& line = first.text();
    ((line += ' ', detail::append_str(line, rest)), ...);
    detail::print_line(line, first.at());
}

/// print(): an empty line.
inline void out(source_location at = source_location::current()) { detail::print_line("", at); }

}  // namespace loopscope
