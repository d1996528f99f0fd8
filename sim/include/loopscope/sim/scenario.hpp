#pragma once
// Built-in scenarios: classroom asyncio programs written twice, as C++20
// coroutines on the core runtime (sim/scenarios/<id>.cpp) and as the Python a
// student runs unchanged (assets/scenarios/<id>.py). Both listings travel with
// the scenario, and tags tie their lines together: a C++ line ending in
// `// @name` shows as the Python line ending in `# @name`.
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "loopscope/core/coro.hpp"
#include "loopscope/sim/input_error.hpp"

namespace loopscope::sim {

/// A number the user may change, with its range.
struct parameter {
    std::string_view name;
    std::string_view help;
    double default_value = 0;
    double min = 0;
    double max = 0;
    bool integer = true;  ///< false: a float, written like Python's repr
};

/// Values for a scenario's parameters (all of them: defaults filled in).
class parameter_values {
public:
    parameter_values() = default;
    /// Every parameter at its default.
    explicit parameter_values(std::span<const parameter> parameters);

    [[nodiscard]] long integer(std::string_view name) const;
    [[nodiscard]] double number(std::string_view name) const;
    void set(std::string_view name, double value) { m_values[std::string(name)] = value; }
    /// name → value as Python source ("3", "0.5"), in parameter order.
    [[nodiscard]] std::vector<std::pair<std::string, std::string>> as_text(
        std::span<const parameter> parameters) const;

private:
    std::map<std::string, double, std::less<>> m_values;
};

/// A scenario's entry point: the C++ equivalent of the listing's `async def main(...)`.
using scenario_main = coro<> (*)(const parameter_values&);

/// Lines of the C++ and Python listings that say the same thing.
class line_map {
public:
    line_map() = default;
    line_map(std::string_view cpp_listing, std::string_view python_listing);
    /// The Python line shown for a C++ line, 0 when the line has no tag.
    [[nodiscard]] std::uint32_t python_line(std::uint32_t cpp_line) const;
    /// Tags present in one listing and missing from the other (a listing bug).
    [[nodiscard]] const std::vector<std::string>& unmatched_tags() const noexcept { return m_unmatched; }

private:
    std::map<std::uint32_t, std::uint32_t> m_cpp_to_python;
    std::vector<std::string> m_unmatched;
};

/// What a scenario's C++ file defines (`scenario define_<id>()`).
struct scenario_definition {
    std::string_view id;           ///< "countdown_gather"
    std::string_view title;        ///< "Two countdowns with gather"
    std::string_view explanation;  ///< for the student: what to watch for
    std::vector<parameter> parameters;
    scenario_main main = nullptr;
    std::string_view cpp_file;  ///< __FILE__ of the C++ listing: source locations in it map to lines
};

/// A built-in scenario with both its listings.
struct scenario : scenario_definition {
    std::string_view cpp_listing;
    std::string_view python_listing;
    line_map lines;

    [[nodiscard]] const parameter* find_parameter(std::string_view name) const noexcept;
};

/// All built-in scenarios, in the order of the lesson.
[[nodiscard]] const std::vector<scenario>& all_scenarios();
/// The scenario with this id, or null.
[[nodiscard]] const scenario* find_scenario(std::string_view id);
/// The scenario with this id; throws input_error ("no scenario named 'x' (loopscope list shows them all)").
[[nodiscard]] const scenario& require_scenario(std::string_view id);

/// Applies "name=value" to `values`, checking name, type and range.
/// Throws input_error ("scenario 'countdown' has no parameter 'x'; it has: n").
void set_parameter(const scenario& s, parameter_values& values, std::string_view assignment);

/// A scenario's Python listing with the defaults of `async def main(...)` set
/// to `values` (name, Python literal), so that it shows what the trace ran
/// with: "async def main(a=5, b=2):". Other lines, and names main does not
/// declare, are left as they are.
[[nodiscard]] std::string python_listing_with(std::string_view listing,
                                              const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace loopscope::sim
