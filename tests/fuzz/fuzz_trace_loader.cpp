// libFuzzer target: the native trace loader on arbitrary bytes. It may refuse
// them (input_error) and nothing else; a trace it accepts must survive what
// opening it in the app does (playback, lints, seeking to the end) and encode
// back to a file that loads as the same trace.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "loadable_trace.hpp"
#include "loopscope/sim/playback.hpp"

using namespace loopscope::sim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::optional<trace> loaded = loadable_trace(data, size);
    if (!loaded) return 0;
    const trace& t = *loaded;
    playback p(t);
    (void)p.state_at(p.size());
    (void)p.state_at(p.size() / 2);
    if (decode_trace(encode_trace(t), "re-encoded") != t) std::abort();  // saving must lose nothing
    return 0;
}
