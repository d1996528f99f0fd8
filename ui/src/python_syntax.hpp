#pragma once
// What each stretch of a Python listing is, for colouring it: keywords,
// built-in names, strings, numbers, comments, the name a def or class
// defines, decorators. A lexer of Python's surface, not a parser: it needs to
// be right about strings and comments (so that a '#' in a string is not a
// comment), and carries a triple-quoted string from line to line.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace loopscope::ui {

enum class syntax_kind : std::uint8_t { keyword, builtin, string, number, comment, definition, decorator };

/// Bytes [begin, end) of a line are `kind`; what no span covers is plain.
struct syntax_span {
    std::size_t begin = 0, end = 0;
    syntax_kind kind{};
    friend bool operator==(const syntax_span&, const syntax_span&) = default;
};

/// The spans of every line, in order.
[[nodiscard]] std::vector<std::vector<syntax_span>> python_syntax(const std::vector<std::string_view>& lines);

}  // namespace loopscope::ui
