// libFuzzer target: the command line's parameter parser (--param NAME=VALUE)
// on every built-in scenario. Any text may be refused (input_error) and
// nothing else; a value it accepts is in the parameter's range, and an
// integer parameter gets an integer.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "loopscope/sim/scenario.hpp"

using namespace loopscope::sim;

namespace {

void check_accepted(const scenario& s, const parameter_values& values, std::string_view assignment) {
    const parameter* p = s.find_parameter(assignment.substr(0, assignment.find('=')));
    if (!p) std::abort();  // accepted a name the scenario does not have
    double value = values.number(p->name);
    if (!(value >= p->min && value <= p->max)) std::abort();
    if (p->integer && value != std::floor(value)) std::abort();
    (void)values.as_text(s.parameters);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view assignment(reinterpret_cast<const char*>(data), size);
    for (const scenario& s : all_scenarios()) {
        parameter_values values(s.parameters);
        try {
            set_parameter(s, values, assignment);
        } catch (const input_error&) {
            continue;
        }
        check_accepted(s, values, assignment);
    }
    return 0;
}
