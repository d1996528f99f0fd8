#include "program_arguments.hpp"

#include <fmt/format.h>

#include <charconv>
#include <string_view>

#include "loopscope/sim/input_error.hpp"

namespace loopscope::sim {

namespace {

/// `text` as a number the option accepts, or an input_error that says what it needs.
template <typename Number>
Number number_option(std::string_view option, const std::string& text, Number lowest, std::string_view what) {
    Number value{};
    const char* end = text.data() + text.size();
    auto [stop, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc() || stop != end || !(value >= lowest))  // NaN too
        throw input_error(fmt::format("{} needs {}; got '{}'", option, what, text));
    return value;
}

}  // namespace

program_arguments parse_program_arguments(std::span<char* const> words) {
    program_arguments a;
    a.path = words[0];
    bool own_options = true;
    for (std::size_t i = 1; i < words.size(); ++i) {
        const std::string_view w = words[i];
        auto value = [&](std::string_view option, std::string_view what = "a file name") -> std::string {
            if (i + 1 >= words.size()) throw input_error(fmt::format("{} needs {}", option, what));
            return words[++i];
        };
        if (!own_options) {
            a.args.emplace_back(w);
        } else if (w == "--") {
            own_options = false;
        } else if (w == "--log") {
            a.log = true;
        } else if (w == "--trace") {
            a.trace_file = value(w);
        } else if (w == "--chrome") {
            a.chrome_file = value(w);
        } else if (w == "--text-from") {
            a.text_file = value(w);
        } else if (w == "--stdin") {
            a.stdin_file = value(w);
        } else if (w == "--seed") {
            a.seed = number_option<std::uint64_t>(w, value(w, "a number"), 0, "a whole number from 0");
        } else if (w == "--latency") {
            constexpr std::string_view what = "a number of seconds from 0";
            a.latency = number_option<double>(w, value(w, what), 0, what);
        } else if (w == "--step-timeout") {
            constexpr std::string_view what = "a number of seconds greater than 0";
            a.budget.step_timeout = number_option<double>(w, value(w, what), 0.001, what);
        } else if (w == "--max-events") {
            constexpr std::string_view what = "a whole number from 1";
            a.max_events = number_option<std::size_t>(w, value(w, what), 1, what);
        } else if (w == "--cancel-at") {
            constexpr std::string_view what = "EVENT:TASK, two whole numbers (40:2: Task-2 once 40 events are recorded)";
            const std::string text = value(w, what);
            const auto colon = text.find(':');
            if (colon == std::string::npos) throw input_error(fmt::format("{} needs {}; got '{}'", w, what, text));
            a.cancels.push_back({number_option<std::size_t>(w, text.substr(0, colon), 0, what),
                                 number_option<task_id>(w, text.substr(colon + 1), 1, what)});
        } else if (w == "--max-steps") {
            constexpr std::string_view what = "a whole number from 1";
            a.budget.max_steps = number_option<std::uint64_t>(w, value(w, what), 1, what);
        } else if (w == "--memory-limit") {
            constexpr std::string_view what = "a number of MiB from 64";
            a.budget.memory_mib = number_option<std::uint64_t>(w, value(w, what), 64, what);
        } else if (w == "--until") {
            constexpr std::string_view what = "a number of seconds greater than 0";
            a.budget.max_time = number_option<double>(w, value(w, what), 1e-9, what);
        } else if (w == "--param" || w.starts_with("--param=")) {
            throw input_error(fmt::format("{}: --param applies to scenarios; a program takes its own arguments", a.path));
        } else {
            a.args.emplace_back(w);
        }
    }
    return a;
}


}  // namespace loopscope::sim
