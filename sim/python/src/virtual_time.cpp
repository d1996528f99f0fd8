#include "virtual_time.hpp"

#include "run_budget.hpp"

namespace loopscope::python {

namespace {
double g_now = 0.0;
}

double virtual_now() noexcept { return g_now; }

void virtual_advance(double seconds) {
    const double to = g_now + seconds;
    if (run_budget* budget = current_budget()) budget->clock_advancing(to);
    g_now = to;
}

bool shared_virtual_clock::poll(std::optional<double> timeout) {
    if (m_poll_io()) return true;
    if (!timeout) return false;
    virtual_advance(*timeout);
    return true;
}

}  // namespace loopscope::python
