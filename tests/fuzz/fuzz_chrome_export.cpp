// libFuzzer target: the Chrome JSON exporter, fed any bytes the trace loader
// accepts. The export must not crash and must be JSON with a traceEvents array.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "loadable_trace.hpp"
#include "loopscope/sim/chrome_export.hpp"

using namespace loopscope::sim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::optional<trace> loaded = loadable_trace(data, size);
    if (!loaded) return 0;
    const nlohmann::json exported = nlohmann::json::parse(chrome_json(*loaded), nullptr, /*allow_exceptions=*/false);
    if (exported.is_discarded() || !exported.contains("traceEvents") || !exported["traceEvents"].is_array())
        std::abort();
    return 0;
}
