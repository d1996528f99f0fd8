#pragma once
// A source position captured at a call site. std::source_location needs a
// compiler builtin that clang 14 lacks; these builtins work in g++ and clang.
#include <cstdint>

namespace loopscope {

/// Where something happened in the user's C++ source: a task was created, a
/// coroutine suspended, a line was printed.
struct source_location {
    const char* file = "";
    const char* function = "";
    std::uint32_t line = 0;

    /// The caller's position, when used as a default argument.
    [[nodiscard]] static constexpr source_location current(const char* file = __builtin_FILE(),
                                                           const char* function = __builtin_FUNCTION(),
                                                           std::uint32_t line = __builtin_LINE()) noexcept {
        return {file, function, line};
    }
};

}  // namespace loopscope
