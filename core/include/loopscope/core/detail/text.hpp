#pragma once
// Python's str() and repr() for the values scenarios print, so that
// out("x =", 0.5, true) prints what print("x =", 0.5, True) prints.
#include <charconv>
#include <concepts>
#include <string>
#include <string_view>
#include <type_traits>

namespace loopscope::detail {

/// A double as Python's repr: shortest round-trip digits, "1.0" not "1".
inline void append_float(std::string& out, double v) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    std::string_view digits(buf, static_cast<std::size_t>(end - buf));
    if (digits == "inf" || digits == "-inf" || digits == "nan" || digits == "-nan") {
        out += digits.back() == 'n' ? (digits[0] == '-' ? "-nan" : "nan") : digits;
        return;
    }
    out += digits;
    if (digits.find_first_of(".e") == std::string_view::npos) out += ".0";
}

template <class T>
concept text_like = std::convertible_to<const T&, std::string_view>;

template <class T>
concept has_str = requires(const T& v) {
    { str(v) } -> std::convertible_to<std::string>;
};

/// Python's str(v) for numbers, booleans, strings and types with a str() overload.
template <class T>
void append_str(std::string& out, const T& v) {
    if constexpr (std::is_same_v<T, bool>) out += v ? "True" : "False";
    else if constexpr (std::is_same_v<T, char>) out += v;
    else if constexpr (std::is_floating_point_v<T>) append_float(out, static_cast<double>(v));
    else if constexpr (std::is_integral_v<T>) out += std::to_string(v);
    else if constexpr (text_like<T>) out += std::string_view(v);
    else if constexpr (has_str<T>) out += str(v);
    else static_assert(sizeof(T) == 0, "out(): give this type a str(const T&) overload");
}

template <class T>
concept has_repr = std::is_arithmetic_v<T> || text_like<T> || has_str<T>;

/// Python's repr(v): strings quoted, everything else as str().
template <class T>
void append_repr(std::string& out, const T& v) {
    if constexpr (text_like<T>) {
        out += '\'';
        out += std::string_view(v);
        out += '\'';
    } else {
        append_str(out, v);
    }
}

}  // namespace loopscope::detail
