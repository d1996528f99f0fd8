#include "virtual_time.hpp"

namespace loopscope::python {

namespace {
double g_now = 0.0;
}

double virtual_now() noexcept { return g_now; }

void virtual_advance(double seconds) noexcept { g_now += seconds; }

bool shared_virtual_clock::poll(std::optional<double> timeout) {
    if (!timeout) return false;
    g_now += *timeout;
    return true;
}

}  // namespace loopscope::python
