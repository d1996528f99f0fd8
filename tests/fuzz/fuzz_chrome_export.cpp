// libFuzzer target: the Chrome JSON exporter, fed any bytes the trace loader
// accepts. The export must not crash and must be JSON with a traceEvents array.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "loopscope/sim/chrome_export.hpp"
#include "loopscope/sim/input_error.hpp"
#include "loopscope/sim/trace_file.hpp"

using namespace loopscope::sim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    trace t;
    try {
        t = decode_trace(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.loopscope");
    } catch (const input_error&) {
        return 0;
    }
    const nlohmann::json exported = nlohmann::json::parse(chrome_json(t), nullptr, /*allow_exceptions=*/false);
    if (exported.is_discarded() || !exported.contains("traceEvents") || !exported["traceEvents"].is_array())
        std::abort();
    return 0;
}
