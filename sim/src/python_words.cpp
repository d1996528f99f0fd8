#include "loopscope/sim/python_words.hpp"

#include <array>
#include <utility>

namespace loopscope::sim {

namespace {

using namespace std::string_view_literals;

/// C++ type names as core's describe_exception writes them (demangled, the
/// loopscope:: prefix dropped), with the exception CPython raises in the same
/// place. Longest first where one name starts another.
constexpr std::array python_names{
    std::pair{"std::invalid_argument"sv, "ValueError"sv},  // ValueError(...) in the twins
    std::pair{"std::domain_error"sv, "ValueError"sv},
    std::pair{"std::length_error"sv, "ValueError"sv},
    std::pair{"std::out_of_range"sv, "IndexError"sv},
    std::pair{"std::overflow_error"sv, "OverflowError"sv},
    std::pair{"std::underflow_error"sv, "ArithmeticError"sv},
    std::pair{"std::range_error"sv, "ArithmeticError"sv},
    std::pair{"std::runtime_error"sv, "RuntimeError"sv},
    std::pair{"std::logic_error"sv, "RuntimeError"sv},  // lock.release() unlocked: RuntimeError in asyncio
    std::pair{"std::bad_alloc"sv, "MemoryError"sv},
    std::pair{"std::exception"sv, "Exception"sv},
    std::pair{"cancelled_error"sv, "CancelledError"sv},
    std::pair{"timeout_error"sv, "TimeoutError"sv},
    std::pair{"invalid_state_error"sv, "InvalidStateError"sv},
    std::pair{"queue_empty"sv, "QueueEmpty"sv},
    std::pair{"queue_full"sv, "QueueFull"sv},
    std::pair{"exception_group"sv, "ExceptionGroup"sv},
    std::pair{"unknown exception"sv, "Exception"sv},
};

bool is_name_char(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ':';
}

}  // namespace

std::string_view python_type_name(std::string_view cpp_type) noexcept {
    for (const auto& [cpp, python] : python_names)
        if (cpp == cpp_type) return python;
    return {};
}

std::string python_words(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        bool replaced = false;
        if (i == 0 || !is_name_char(text[i - 1])) {
            for (const auto& [cpp, python] : python_names) {
                if (!text.substr(i).starts_with(cpp)) continue;
                std::size_t after = i + cpp.size();
                if (after < text.size() && is_name_char(text[after]) && text[after] != ':') continue;
                if (after + 1 < text.size() && text[after] == ':' && text[after + 1] == ':') continue;  // a namespace
                out += python;
                i = after;
                replaced = true;
                break;
            }
        }
        if (!replaced) out += text[i++];
    }
    return out;
}

std::string listing_words(const trace& t, std::string_view text) {
    return t.origin.python_listing.empty() ? std::string(text) : python_words(text);
}

}  // namespace loopscope::sim
