#pragma once
// The fuzz input as a trace, when the loader accepts it: refusing it with an
// input_error is a correct answer, anything else escapes to the fuzzer.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "loopscope/sim/input_error.hpp"
#include "loopscope/sim/trace_file.hpp"

inline std::optional<loopscope::sim::trace> loadable_trace(const std::uint8_t* data, std::size_t size) {
    try {
        return loopscope::sim::decode_trace(std::string_view(reinterpret_cast<const char*>(data), size),
                                            "fuzz.loopscope");
    } catch (const loopscope::sim::input_error&) {
        return std::nullopt;
    }
}
